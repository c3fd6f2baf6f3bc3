namespace SagaFunctions.Http;

/// <summary>The answer of <c>GET /api/sagas/stats</c>.</summary>
/// <param name="Sagas">One row per served saga, in the registry's order (a saga with no instance in range has <c>total</c> 0).</param>
/// <param name="DeadLetters">Dead letters by review state (first failure within the range, when one is given).</param>
/// <param name="Stuck">Saga instances in range that are stuck now (the view's <c>stuck</c> is not null).</param>
public sealed record SagaStatsResponse(IReadOnlyList<SagaStats> Sagas, DeadLetterCounts DeadLetters, int Stuck);

/// <param name="Saga">The saga's route name.</param>
/// <param name="Total">Instances created in range.</param>
/// <param name="ByStatus">Instances by the list's <c>outcome</c>: the saga's own status once finished (<c>completed</c>,
/// <c>failed</c>, …), its phase while it runs (<c>running</c>, <c>waiting</c>, <c>compensating</c>), or <c>terminated</c>.</param>
/// <param name="CompensationRate">Share of <see cref="Total"/> (0 to 1) whose kernel phase is <c>compensating</c>,
/// <c>compensated</c> or <c>compensation_failed</c>; 0 when there is none.</param>
/// <param name="DurationMs">Created → last update of the finished instances, in milliseconds; all 0 when none has finished.</param>
public sealed record SagaStats(string Saga, int Total, IReadOnlyDictionary<string, int> ByStatus, double CompensationRate, DurationStats DurationMs);

/// <summary>Nearest-rank percentiles.</summary>
public sealed record DurationStats(double P50, double P95, double Max);

public sealed record DeadLetterCounts(int Open, int Retrying, int RetryFailed, int Resolved);
