namespace SagaFunctions.Standalone.Choreography;

/// <summary>Delivery settings of the choreographies' queue (section <c>Choreography</c>).</summary>
public sealed class ChoreographyOptions
{
    public const string SectionName = "Choreography";

    /// <summary>Deliveries of one message before it is poisoned (moved to the poison list and answered by the handlers).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first redelivery; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often an idle dispatcher looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(25);
}
