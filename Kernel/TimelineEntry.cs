namespace SagaFunctions.Kernel;

/// <summary>
/// One transition of a saga. <see cref="Event"/> is one of: started, completed, retrying, rejected, failed, in_doubt,
/// warning, waiting, event_received, timed_out, cancelled, deadline_exceeded, compensating, compensated,
/// compensation_retrying, dead_lettered, manual_intervention_required, pivot.
/// </summary>
public sealed record TimelineEntry(DateTime At, string Step, string Event, string? Detail = null);
