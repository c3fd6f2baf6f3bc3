namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// A wait for an external event (<c>POST /api/sagas/{saga}/{id}/events/{event}</c>) raced against a durable timer; the
/// payload becomes the step's result (<c>${steps.name.field}</c>).
/// </summary>
/// <param name="Event">The event name.</param>
/// <param name="TimeoutSeconds">How long the saga waits.</param>
/// <param name="OnTimeout"><see cref="Compensate"/> (the saga fails and undoes what it did) or <see cref="Continue"/> (the step's result is null).</param>
/// <param name="Outcome">The result's <c>status</c> when the timeout compensates; the failure outcome when null.</param>
public sealed record WaitSpec(string Event, double TimeoutSeconds, string OnTimeout = WaitSpec.Compensate, string? Outcome = null)
{
    public const string Compensate = "compensate";

    public const string Continue = "continue";
}
