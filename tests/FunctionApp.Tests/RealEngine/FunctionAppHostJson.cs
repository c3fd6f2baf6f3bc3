using System.Text.Json;

namespace SagaFunctions.FunctionApp.Tests.RealEngine;

/// <summary>FunctionApp's host.json, found above the test output, so the test hosts apply what the Functions host applies.</summary>
internal static class FunctionAppHostJson
{
    public static JsonElement Root { get; } = Read();

    private static JsonElement Read()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "FunctionApp", "host.json");
            if (File.Exists(file))
            {
                using var document = JsonDocument.Parse(File.ReadAllText(file));
                return document.RootElement.Clone();
            }
        }

        throw new InvalidOperationException($"FunctionApp/host.json not found above {AppContext.BaseDirectory}.");
    }
}
