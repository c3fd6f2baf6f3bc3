namespace SagaFunctions.Standalone;

/// <summary>The <c>Standalone</c> configuration section.</summary>
public sealed class StandaloneOptions
{
    public const string SectionName = "Standalone";

    /// <summary>Where the SQLite files live (runtime, participants, dead letters); relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>When set, every request but <c>/healthz</c> must carry it in <c>X-Api-Key</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>With an <see cref="ApiKey"/>, lets GET, HEAD and OPTIONS through without it (reads show saga inputs: off by default).</summary>
    public bool OpenReads { get; set; }

    /// <summary>
    /// How long an activity dispatched by a process that then died stays leased before it runs again. The data file is
    /// owned by one process at a time, so after a restart this is only the recovery delay; short by default.
    /// </summary>
    public TimeSpan ActivityLease { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Full path of a file in the data directory.</summary>
    public string DataFile(string fileName) => Path.Combine(Path.GetFullPath(DataDirectory), fileName);
}
