namespace SagaFunctions.Runtime.Storage;

/// <summary>
/// One history event. <see cref="Name"/> is the activity/timer/sub-orchestrator/event name, or the error type of a
/// failure; <see cref="Data"/> is the JSON payload or the error message. <see cref="Timestamp"/> is the time of the
/// episode that recorded it (what <c>CurrentUtcDateTime</c> returns while replaying it).
/// </summary>
internal readonly record struct HistoryRow(HistoryEventKind Kind, int TaskId, string? Name, string? Data, DateTime Timestamp);
