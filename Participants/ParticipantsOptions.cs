namespace SagaFunctions.Participants;

/// <summary>Configuration section <c>Participants</c>.</summary>
public sealed class ParticipantsOptions
{
    public const string SectionName = "Participants";

    /// <summary>Folder of the SQLite files (one per service). Relative paths resolve against the current directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>
    /// SQLite journal mode of the files: <c>WAL</c> (default) or <c>DELETE</c> (for network file systems such as
    /// App Service's /home share, where WAL's shared memory is unreliable).
    /// </summary>
    public string JournalMode { get; set; } = "WAL";

    /// <summary>Tests: each service gets a private shared-cache in-memory database that lives as long as the app.</summary>
    public bool InMemory { get; set; }

    /// <summary>How long a seat hold lasts before its seats are free again.</summary>
    public TimeSpan HoldDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest accepted request body, in bytes.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    public PaymentsOptions Payments { get; set; } = new();

    public EnvironmentsOptions Environments { get; set; } = new();

    /// <summary>Faults active from startup (same shape as <c>POST /participants/faults</c>).</summary>
    public List<FaultOptions> Faults { get; set; } = [];
}
