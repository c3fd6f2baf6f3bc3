namespace SagaFunctions.Participants;

/// <summary>One fault configured at startup (<c>Participants:Faults:N</c>).</summary>
public sealed class FaultOptions
{
    public string? Service { get; set; }

    public string? Operation { get; set; }

    public string? Mode { get; set; }

    public int? Count { get; set; }

    public double? Probability { get; set; }

    public string? Key { get; set; }

    public int? LatencyMs { get; set; }
}
