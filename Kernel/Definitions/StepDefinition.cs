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
/// <param name="Activity">The activity the step runs, when it is not <paramref name="Name"/> itself.</param>
/// <param name="BeforeCompensation">
/// An activity that runs before the compensation (the deployment collects an environment's logs before it rolls the
/// environment back), or null.
/// </param>
/// <param name="SubOrchestration">
/// The orchestrator a sub-orchestration step runs (the migration's <c>MigrateBatches</c> step runs the
/// <c>MigrationBatches</c> orchestrator, which calls <paramref name="Activity"/> once per batch); null for an activity step.
/// </param>
/// <remarks>
/// The names a run publishes in its timeline are these names, with an index for repeated steps and branches
/// (<c>ProcessItem[2]</c>, <c>MigrateBatches[3]</c>), the <see cref="ParallelGroup"/> for the group as a whole and the
/// saga's route for the saga as a whole.
/// </remarks>
public sealed record StepDefinition(
    string Name,
    string? Compensation,
    bool Pivot = false,
    bool NonCritical = false,
    string? ParallelGroup = null,
    bool Repeated = false,
    int MaxAttempts = 1,
    double? TimeoutSeconds = null,
    string? Activity = null,
    string? BeforeCompensation = null,
    string? SubOrchestration = null);
