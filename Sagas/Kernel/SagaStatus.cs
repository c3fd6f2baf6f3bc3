namespace SagaFunctions.Kernel;

/// <summary>
/// The progress a saga publishes as custom status at every transition (docs/architecture.md, "Saga contract", item 9):
/// phase, current step, completed / compensated / failed steps with error type and message, the retries in progress
/// (attempt, last error, next attempt time), warnings, what it waits for until when, and a timeline.
/// </summary>
public sealed record SagaStatus(
    string Saga,
    SagaPhase Phase,
    string? CurrentStep,
    IReadOnlyList<string> CompletedSteps,
    IReadOnlyList<string> CompensatedSteps,
    IReadOnlyList<StepError> FailedSteps,
    IReadOnlyList<StepRetry> Retries,
    IReadOnlyList<string> Warnings,
    string? WaitingFor,
    DateTime? WaitDeadline,
    IReadOnlyList<TimelineEntry> Timeline,
    DateTime UpdatedAt);
