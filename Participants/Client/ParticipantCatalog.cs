namespace SagaFunctions.Participants.Client;

/// <summary>The participant services and their operations, by the names fault injection and the routes use.</summary>
public static class ParticipantCatalog
{
    public const string Payments = "payments";
    public const string Inventory = "inventory";
    public const string Shipping = "shipping";
    public const string Notifications = "notifications";
    public const string Accounts = "accounts";
    public const string Seats = "seats";
    public const string Environments = "environments";
    public const string Claims = "claims";
    public const string Migration = "migration";
    public const string Processing = "processing";

    /// <summary>Service → its fault-injectable operations.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Operations { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Payments] = ["charge", "refund"],
        [Inventory] = ["reserve", "release"],
        [Shipping] = ["create", "cancel"],
        [Notifications] = ["send"],
        [Accounts] = ["debit", "credit", "reverse", "record"],
        [Seats] = ["hold", "confirm", "release"],
        [Environments] = ["deploy", "tests", "rollback", "dns", "logs"],
        [Claims] = ["validate", "records", "pay", "close"],
        [Migration] = ["dual-write", "batch", "verify", "switch", "decommission"],
        [Processing] = ["process", "undo"],
    };

    /// <summary>The fault modes.</summary>
    public static IReadOnlyList<string> FaultModes { get; } = ["transient", "permanent", "latency"];
}
