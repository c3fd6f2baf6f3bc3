namespace SagaFunctions.Participants;

/// <summary>Configuration section <c>Participants:Environments</c>.</summary>
public sealed class EnvironmentsOptions
{
    /// <summary>
    /// Integration-test outcome: <c>auto</c> (default: fail when the version or image tag contains "fail"),
    /// <c>pass</c> (always pass) or <c>fail</c> (always fail).
    /// </summary>
    public string TestsOutcome { get; set; } = "auto";

    /// <summary>The public host name DNS updates point at.</summary>
    public string Hostname { get; set; } = "app.example.com";
}
