namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>A scratch folder for Bicep files written by a test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "infra-tests-" + System.IO.Path.GetRandomFileName())).FullName;
    }

    public string Path { get; }

    /// <summary>Writes a file into the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
