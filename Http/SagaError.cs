namespace SagaFunctions.Http;

/// <summary>
/// One entry of the saga view's <c>errors</c>, in one shape whatever its source: a failed step from the progress
/// (<see cref="Kind"/> null), the saga's own failure from its output (<c>rejected</c>, <c>failed</c>, <c>cancelled</c>,
/// …), or the instance's failure details when the orchestration itself crashed (<see cref="Kind"/> <c>crashed</c>,
/// <see cref="Step"/> null). <see cref="Code"/> is a rejection code or an exception type.
/// </summary>
public sealed record SagaError(string? Step, string? Kind, string? Code, string? Message);
