namespace SagaFunctions.Sagas.Declarative;

/// <summary>The <c>status</c> strings of a declarative saga's result.</summary>
/// <param name="Success">Every step succeeded (non-critical failures are warnings).</param>
/// <param name="Failure">A step failed and what was done was compensated.</param>
/// <param name="Cancelled">The cancel event stopped it (compensated).</param>
/// <param name="ManualIntervention">A step after the pivot exhausted forward recovery.</param>
public sealed record DeclarativeOutcomes(
    string Success = "completed",
    string Failure = "failed",
    string Cancelled = "cancelled",
    string ManualIntervention = "manual_intervention_required");
