using System.Text.Json;

namespace SagaFunctions.Runtime;

/// <summary>Tuning knobs of the embedded runtime.</summary>
public sealed class DurableRuntimeOptions
{
    /// <summary>How many activity bodies run at the same time.</summary>
    public int ActivityConcurrency { get; set; } = 64;

    /// <summary>SQLite durability level; <see cref="SqliteSynchronous.Full"/> by default.</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// How long a dispatched activity is owned by the process that took it. Work left behind by a crashed
    /// process is dispatched again only once its lease has expired.
    /// </summary>
    public TimeSpan ActivityLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Live instances kept in memory (no replay per event); the least recently used idle ones are evicted above this.</summary>
    public int MaxCachedInstances { get; set; } = 10_000;

    /// <summary>Largest serialized payload (inputs, outputs, event data, custom status), in UTF-8 bytes.</summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>Most episodes (and client commands) grouped into one transaction.</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>JSON options for every payload; <see cref="JsonSerializerDefaults.Web"/> (camelCase) by default.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ActivityConcurrency, 1, nameof(ActivityConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCachedInstances, 0, nameof(MaxCachedInstances));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPayloadBytes, 16, nameof(MaxPayloadBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        if (ActivityLease <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ActivityLease), ActivityLease, "The activity lease must be positive.");
        }

        if (!Enum.IsDefined(Synchronous))
        {
            throw new ArgumentOutOfRangeException(nameof(Synchronous), Synchronous, "Unknown SQLite synchronous level.");
        }

        ArgumentNullException.ThrowIfNull(SerializerOptions, nameof(SerializerOptions));
    }
}
