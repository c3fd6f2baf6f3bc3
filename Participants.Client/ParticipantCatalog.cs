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

    /// <summary>
    /// The fault modes: <c>transient</c> (503 <c>count</c> times, nothing done), <c>permanent</c> (500, nothing done),
    /// <c>latency</c> (added delay), <c>lost</c> (the operation is applied, then the answer is lost: 503 <c>count</c>
    /// times, so the caller is in doubt; a retry under the same key gets the stored answer) and <c>reject</c> (a business
    /// rejection: 422 <c>injected_rejection</c>, nothing done).
    /// </summary>
    public static IReadOnlyList<string> FaultModes { get; } = ["transient", "permanent", "latency", "lost", "reject"];
}
