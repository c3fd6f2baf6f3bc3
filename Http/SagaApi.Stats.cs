using Microsoft.AspNetCore.Http;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.Http;

public sealed partial class SagaApi
{
    /// <summary>The query parameters of <c>GET /api/sagas/stats</c>.</summary>
    private static readonly string[] StatsParameters = ["from", "to"];

    private static readonly string[] CompensatingPhases = ["compensating", "compensated", "compensation_failed"];

    /// <summary>How many instances one engine query of the statistics reads.</summary>
    public const int StatsPageSize = 500;

    /// <summary>
    /// <c>GET /api/sagas/stats?from=&amp;to=</c> (ISO 8601, on created time): per saga the count, counts by status, compensation
    /// rate and duration percentiles; dead letters by state; how many are stuck. Computed by paging the engine's query
    /// (<see cref="StatsPageSize"/> instances at a time, created range passed to the engine); only counters and one
    /// duration per finished instance are kept, never the instances. 400 naming the field for a bad value or an unknown parameter.
    /// </summary>
    public async Task<IResult> StatsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var key in query.Keys.Where(k => !StatsParameters.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            errors[key] = [$"Unknown query parameter '{key}'. Use: {string.Join(", ", StatsParameters)}."];
        }

        var from = ParseDate(query["from"].FirstOrDefault(), "from", errors);
        var to = ParseDate(query["to"].FirstOrDefault(), "to", errors);
        if (from > to)
        {
            errors["from"] = ["'from' must not be later than 'to'."];
        }

        if (errors.Count > 0)
        {
            return HttpProblems.Validation(errors);
        }

        var accumulators = _registry.Sagas.ToDictionary(s => s.Route, s => new StatsAccumulator(s.Route), StringComparer.Ordinal);
        var stuck = 0;
        await ScanAsync(RequestUrls.BaseUrl(request), from, to, (instance, summary) =>
        {
            accumulators[summary.Saga!].Add(instance, summary);
            stuck += summary.Stuck is null ? 0 : 1;
        }, cancellationToken);

        var deadLetters = new DeadLetterCounts(0, 0, 0, 0);
        if (_deadLetters is not null)
        {
            var entries = (await _deadLetters.ListAsync(null, cancellationToken))
                .Where(d => (from is null || new DateTimeOffset(DateTime.SpecifyKind(d.Record.FirstFailureAt, DateTimeKind.Utc)) >= from)
                    && (to is null || new DateTimeOffset(DateTime.SpecifyKind(d.Record.FirstFailureAt, DateTimeKind.Utc)) <= to))
                .ToList();
            deadLetters = new DeadLetterCounts(
                entries.Count(e => e.Status == DeadLetterStatus.Open),
                entries.Count(e => e.Status == DeadLetterStatus.Retrying),
                entries.Count(e => e.Status == DeadLetterStatus.RetryFailed),
                entries.Count(e => e.Status == DeadLetterStatus.Resolved));
        }

        var response = new SagaStatsResponse([.. accumulators.Values.Select(a => a.ToStats())], deadLetters, stuck);
        return Results.Json(response, SagaHttpJson.Options);
    }

    /// <summary>How many saga instances are stuck now (the <c>sagas.stuck</c> gauge): the stats' count over every instance.</summary>
    public async Task<int> CountStuckAsync(CancellationToken cancellationToken)
    {
        var stuck = 0;
        await ScanAsync(string.Empty, null, null, (_, summary) => stuck += summary.Stuck is null ? 0 : 1, cancellationToken);
        return stuck;
    }

    /// <summary>Pages the engine's query (created range passed to it) and hands each saga instance's summary to <paramref name="visit"/>.</summary>
    private async Task ScanAsync(
        string baseUrl, DateTimeOffset? from, DateTimeOffset? to, Action<SagaInstance, SagaSummary> visit, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var overdue = await OverdueDeadLettersAsync(now, cancellationToken);
        string? token = null;
        do
        {
            var page = await _client.QueryAsync(new SagaInstanceQuery(null, null, from, to, StatsPageSize, token), cancellationToken);
            foreach (var instance in page.Instances)
            {
                if (_registry.FindByInstance(instance) is not { } saga)
                {
                    continue; // helper orchestrations (dead-letter retries) are no sagas
                }

                visit(instance, WithDeadLetterStuck(SagaViews.ToSummary(instance, saga.Route, baseUrl, now, _options.StuckAfter), overdue));
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>Counters of one saga; the only per-instance state kept is one duration per finished instance.</summary>
    private sealed class StatsAccumulator(string saga)
    {
        private readonly SortedDictionary<string, int> _byStatus = new(StringComparer.Ordinal);
        private readonly List<double> _durations = [];
        private int _total;
        private int _compensating;

        public string Saga { get; } = saga;

        public void Add(SagaInstance instance, SagaSummary summary)
        {
            _total++;
            _byStatus[summary.Outcome] = _byStatus.GetValueOrDefault(summary.Outcome) + 1;
            if (summary.Phase is not null && CompensatingPhases.Contains(summary.Phase, StringComparer.Ordinal))
            {
                _compensating++;
            }

            if (instance.IsFinished)
            {
                _durations.Add(Math.Max(0, (instance.LastUpdatedAt - instance.CreatedAt).TotalMilliseconds));
            }
        }

        public SagaStats ToStats()
        {
            _durations.Sort();
            var rate = _total == 0 ? 0 : Math.Round((double)_compensating / _total, 4);
            return new SagaStats(Saga, _total, _byStatus, rate, new DurationStats(Percentile(0.50), Percentile(0.95), _durations.Count == 0 ? 0 : _durations[^1]));
        }

        /// <summary>Nearest rank: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
        private double Percentile(double p)
        {
            if (_durations.Count == 0)
            {
                return 0;
            }

            var rank = (int)Math.Ceiling(p * _durations.Count);
            return _durations[Math.Clamp(rank, 1, _durations.Count) - 1];
        }
    }
}
