namespace SagaFunctions.Kernel;

/// <summary>
/// The progress a saga publishes as custom status at every transition (DESIGN §2.3 item 9): phase, current step,
/// completed / compensated / failed steps with error type and message, warnings, what it waits for, and a timeline.
/// </summary>
public sealed record SagaStatus(
    string Saga,
    SagaPhase Phase,
    string? CurrentStep,
    IReadOnlyList<string> CompletedSteps,
    IReadOnlyList<string> CompensatedSteps,
    IReadOnlyList<StepError> FailedSteps,
    IReadOnlyList<string> Warnings,
    string? WaitingFor,
    DateTime? WaitDeadline,
    IReadOnlyList<TimelineEntry> Timeline,
    DateTime UpdatedAt);
