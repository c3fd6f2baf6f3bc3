namespace SagaFunctions.Kernel.Definitions;

/// <summary>One forward step of a <see cref="SagaDefinition"/>.</summary>
/// <param name="Name">The step's name (the activity name for C# sagas).</param>
/// <param name="Compensation">The activity that undoes it, or null when the step has nothing to undo.</param>
/// <param name="Pivot">True for the point of no return: after it the saga only moves forward.</param>
/// <param name="NonCritical">True when a failure is a warning, not a saga failure.</param>
/// <param name="ParallelGroup">Steps with the same group run concurrently; null for a sequential step.</param>
/// <param name="Repeated">True when the step runs once per item (a batch's items, a migration's batches).</param>
/// <param name="MaxAttempts">Attempts of the step before it fails (1 = no retry).</param>
/// <param name="TimeoutSeconds">The call timeout of one attempt, or null for the participant client's default.</param>
public sealed record StepDefinition(
    string Name,
    string? Compensation,
    bool Pivot = false,
    bool NonCritical = false,
    string? ParallelGroup = null,
    bool Repeated = false,
    int MaxAttempts = 1,
    double? TimeoutSeconds = null);
