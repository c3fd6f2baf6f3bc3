using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SagaFunctions.Http.Audit;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Http;

/// <summary>
/// The saga routes (docs/architecture.md, "HTTP contract") as plain methods returning <see cref="IResult"/>, written against <see cref="ISagaClient"/>
/// so Standalone (minimal APIs) and FunctionApp (HTTP triggers) serve the same contract with one call each.
/// Cheap to construct: FunctionApp builds one per invocation around its <c>DurableTaskClient</c> adapter.
/// </summary>
public sealed partial class SagaApi
{
    private static readonly string[] RuntimeStatuses =
        ["Pending", "Running", "Completed", "ContinuedAsNew", "Failed", "Terminated", "Suspended"];

    /// <summary>The query parameters of <c>GET /api/sagas</c>; any other is a 400 naming it.</summary>
    private static readonly string[] ListParameters =
        ["saga", "status", "runtimeStatus", "phase", "stuck", "version", "createdFrom", "createdTo", "pageSize", "continuationToken"];

    /// <summary>The saga outcome strings (each saga's output <c>status</c>), plus <c>cancelled</c>.</summary>
    private static readonly string[] Outcomes =
    [
        "completed", "failed", "cancelled", "insufficient_funds", "confirmed", "sold_out", "payment_failed", "expired",
        "deployed", "tests_failed", "paid", "rejected_invalid", "rejected", "timeout", "migration_failed",
        "verification_failed", "manual_intervention_required",
    ];

    private static readonly string[] Phases = [.. Enum.GetNames<SagaPhase>().Select(SagaViews.SnakeCase)];

    /// <summary>How many engine pages one list request reads at most while the filters leave its page empty.</summary>
    private const int MaxEnginePages = 20;

    private readonly ISagaClient _client;
    private readonly SagaRegistry _registry;
    private readonly SagaHttpOptions _options;
    private readonly StartedResponse _started;
    private readonly IDeadLetterStore? _deadLetters;
    private readonly TimeProvider _time;
    private readonly ManagementUrls _urls;
    private readonly AuditTrail? _audit;

    /// <param name="client">The orchestration client.</param>
    /// <param name="registry">The sagas served.</param>
    /// <param name="options">Limits and names; defaults when null.</param>
    /// <param name="started">The answer to a successful start; <see cref="DefaultStarted"/> when null.</param>
    /// <param name="deadLetters">Where the saga view reads its dead letters' live state; none listed when null.</param>
    /// <param name="time">The clock that decides whether a saga is stuck; the system clock when null.</param>
    /// <param name="urls">The instance's management URLs (the view's <c>statusQueryGetUri</c>); on the request's base URL when null.</param>
    /// <param name="audit">Where operator actions (cancel, terminate) are recorded and the view's <c>audit</c> is read; none when null.</param>
    public SagaApi(
        ISagaClient client,
        SagaRegistry registry,
        SagaHttpOptions? options = null,
        StartedResponse? started = null,
        IDeadLetterStore? deadLetters = null,
        TimeProvider? time = null,
        ManagementUrls? urls = null,
        AuditTrail? audit = null)
    {
        _audit = audit;
        _urls = urls ?? DefaultUrls;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _options = options ?? new SagaHttpOptions();
        _started = started ?? DefaultStarted;
        _deadLetters = deadLetters;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The default answer to a successful start: 202 with <see cref="CheckStatus(string, string)"/>.</summary>
    /// <summary>Management URLs on the request's own base URL (Standalone serves Durable's webhooks itself).</summary>
    public static HttpManagementPayload DefaultUrls(HttpRequest request, string instanceId) =>
        HttpManagementPayload.For(RequestUrls.BaseUrl(request), instanceId);

    public static Task<IResult> DefaultStarted(HttpRequest request, string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult(CheckStatus(RequestUrls.BaseUrl(request), instanceId));

    /// <summary>
    /// <c>POST /api/sagas/{saga}[/{instanceId}][?version=]</c>: validates the body, starts the saga and answers 202 with
    /// <c>Location</c> and Durable's check-status payload. The instance runs the saga's newest registered version, or the
    /// one <c>version</c> names (a 400 naming <c>version</c> when that version is not registered); it records the version
    /// and runs that version's code to the end. Without a route id a new id is generated. An id that already
    /// exists starts nothing and answers 409 (as Durable's HTTP API does), naming the existing instance.
    /// </summary>
    public async Task<IResult> StartAsync(HttpRequest request, string saga, string? instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var registration = _registry.FindByRoute(saga);
        if (registration is null)
        {
            return UnknownSaga(saga);
        }

        if (request.Query.TryGetValue("version", out var requested))
        {
            var version = requested.Count == 1 ? requested[0]?.Trim() : null;
            registration = string.IsNullOrEmpty(version) ? null : _registry.FindVersion(saga, version);
            if (registration is null)
            {
                var known = string.Join(", ", _registry.Versions(saga).Select(v => v.Version));
                return HttpProblems.Validation(
                    "version",
                    string.IsNullOrEmpty(version) || requested.Count != 1
                        ? $"Give one version of saga '{saga}' to start, or leave 'version' out for the newest. Registered versions: {known}."
                        : $"Saga '{saga}' has no version '{version}'. Registered versions: {known}.");
            }
        }

        instanceId = instanceId is null ? null : InstanceIds.FromRoute(instanceId);
        if (instanceId is not null && InstanceIds.Validate(instanceId) is { } idError)
        {
            return HttpProblems.Validation("instanceId", idError);
        }

        var body = await JsonBody.ReadAsync(request, _options.MaxBodyBytes, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var (input, error) = registration.BindInput is { } bind
            ? SagaRequestBinder.Bind(body.Root, bind)
            : SagaRequestBinder.Bind(body.Root, registration.RequestType);
        if (error is not null)
        {
            return error;
        }

        var id = instanceId ?? InstanceIds.New();
        using var span = SagaTracing.StartSaga(registration.Route);
        SagaTracing.TagStarted(span, id);
        if (!await _client.TryStartAsync(registration.OrchestratorName, id, input!, registration.Version, cancellationToken))
        {
            return HttpProblems.Conflict(
                $"An instance with id '{id}' already exists; nothing was started.",
                new Dictionary<string, object?>
                {
                    ["instanceId"] = id,
                    ["statusQueryGetUri"] = _urls(request, id).StatusQueryGetUri,
                });
        }

        SagaMetrics.RecordStarted(registration.Route);
        return await _started(request, id, cancellationToken);
    }

    /// <summary><c>GET /api/sagas/{saga}/{instanceId}</c>: the saga view; 404 when unknown or another saga's instance.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string saga, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (registration, instance, notFound) = await FindAsync(saga, instanceId, cancellationToken);
        if (notFound is not null)
        {
            return notFound;
        }

        var deadLetters = _deadLetters is null
            ? []
            : (await _deadLetters.ListAsync(null, cancellationToken))
                .Where(d => string.Equals(d.Record.InstanceId, instance!.InstanceId, StringComparison.Ordinal))
                .OrderBy(d => d.Record.LastFailureAt)
                .ToList();
        var unconsumed = instance!.IsFinished ? [] : await _client.GetUnconsumedEventsAsync(instance.InstanceId, cancellationToken);
        var view = SagaViews.ToView(
            instance, registration!.Route, RequestUrls.BaseUrl(request), _urls(request, instance.InstanceId).StatusQueryGetUri,
            deadLetters, unconsumed, _time.GetUtcNow(), _options.StuckAfter);
        view = view with
        {
            Stuck = DeadLetterStuck.Apply(view.Stuck, instance.InstanceId, DeadLetterStuck.Overdue(deadLetters, _time.GetUtcNow(), _options.DeadLetterSla), _options.DeadLetterSla),
        };
        if (_audit is not null)
        {
            view = view with { Audit = await _audit.Log.QueryAsync(new AuditQuery(InstanceId: instance.InstanceId), cancellationToken) };
        }

        return Results.Json(view, SagaHttpJson.Indented);
    }

    /// <summary>
    /// <c>POST /api/sagas/{saga}/{instanceId}/events/{eventName}</c>: 404 unknown saga/instance, 400 event not declared
    /// by the saga (names are case-insensitive) or bad payload, 410 finished instance, otherwise 202.
    /// </summary>
    public async Task<IResult> RaiseEventAsync(
        HttpRequest request, string saga, string instanceId, string eventName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var registration = _registry.FindByRoute(saga);
        if (registration is null)
        {
            return UnknownSaga(saga);
        }

        var (_, instance, notFound) = await FindAsync(saga, instanceId, cancellationToken);
        if (notFound is not null)
        {
            return notFound;
        }

        // The events the instance's own version declares (the newest version's when that one is no longer registered).
        registration = _registry.FindVersion(saga, SagaVersions.OfInstance(instance!.Version)) ?? registration;

        // Event names are case-insensitive, as in Durable; the saga's own spelling is what gets raised.
        var canonical = registration.EventNames.FirstOrDefault(n => string.Equals(n, eventName, StringComparison.OrdinalIgnoreCase));
        if (canonical is null)
        {
            var known = registration.EventNames.Count == 0 ? "none" : string.Join(", ", registration.EventNames);
            return HttpProblems.Validation(
                "eventName", $"Saga '{registration.Route}' does not accept event '{eventName}' (accepted: {known}).");
        }

        if (instance!.IsFinished)
        {
            return Finished(instance);
        }

        var body = await JsonBody.ReadAsync(request, _options.MaxBodyBytes, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        // The payload type the saga declares for the event; the kernel's own cancel has the kernel's type on every saga.
        var payloadType = registration.EventPayloads.GetValueOrDefault(canonical)
            ?? (canonical == Saga.CancelEventName ? typeof(CancelRequest) : null);
        var errors = EventPayloads.Validate(canonical, body.Root, payloadType);
        if (errors.Count > 0)
        {
            return HttpProblems.Validation(errors);
        }

        await _client.RaiseEventAsync(instance.InstanceId, canonical, body.Root, cancellationToken);
        return Results.Accepted(SagaUrl(request, registration.Route, instance.InstanceId));
    }

    /// <summary>
    /// <c>POST /api/sagas/{saga}/{instanceId}/cancel</c> (optional <c>{reason}</c>): raises the kernel's cancel event;
    /// the saga compensates what it did and ends <c>cancelled</c>. 202 / 404 / 410.
    /// </summary>
    public Task<IResult> CancelAsync(HttpRequest request, string saga, string instanceId, CancellationToken cancellationToken) =>
        ActOnRunningAsync(request, saga, instanceId, AuditActions.Cancel, async reason =>
        {
            reason ??= "cancelled by request";
            var payload = JsonSerializer.SerializeToElement(new ReasonBody(reason), SagaHttpJson.Options);
            await _client.RaiseEventAsync(InstanceIds.FromRoute(instanceId), _options.CancelEventName, payload, cancellationToken);
            return reason;
        }, cancellationToken);

    /// <summary>
    /// <c>POST /api/sagas/{saga}/{instanceId}/retry</c> (optional <c>{note}</c>): raises the kernel's retry event for each
    /// retry the saga waits in (the view's <c>retries</c>), so the next attempt starts now instead of after the backoff.
    /// 202 / 404 / 410, 409 when the saga is not waiting to retry anything.
    /// </summary>
    public async Task<IResult> RetryStepAsync(HttpRequest request, string saga, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (registration, instance, notFound) = await FindAsync(saga, instanceId, cancellationToken);
        if (notFound is not null)
        {
            return notFound;
        }

        if (instance!.IsFinished)
        {
            return Finished(instance);
        }

        var body = await JsonBody.ReadAsync(request, _options.MaxBodyBytes, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var errors = EventPayloads.Validate(Saga.RetryEventName, body.Root, typeof(RetryStepBody));
        if (errors.Count > 0)
        {
            return HttpProblems.Validation(errors);
        }

        var retries = SagaViews.Retries(instance);
        if (retries.Count == 0)
        {
            return HttpProblems.Conflict(
                $"Instance '{instance.InstanceId}' is not waiting to retry a step (its 'retries' is empty); there is nothing to retry now.");
        }

        var note = body.Root is { } root && root.TryGetProperty("note", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        foreach (var retry in retries)
        {
            var payload = JsonSerializer.SerializeToElement(new RetryRequest(retry.Step, retry.Kind, retry.Attempt, note), SagaHttpJson.Options);
            await _client.RaiseEventAsync(instance.InstanceId, Saga.RetryEventName, payload, cancellationToken);
        }

        var what = string.Join(", ", retries.Select(r => $"{r.Kind} {r.Step} attempt {r.Attempt + 1}"));
        await RecordAsync(request, AuditActions.RetryStep, registration!.Route, instance.InstanceId, note is null ? what : $"{what}: {note}", cancellationToken);
        return Results.Accepted(SagaUrl(request, registration.Route, instance.InstanceId));
    }

    /// <summary>
    /// <c>POST /api/sagas/{saga}/{instanceId}/terminate</c> (reason in <c>?reason=</c> or <c>{reason}</c>): Durable's
    /// terminate — the instance stops at once and compensates nothing. 202 / 404 / 410.
    /// </summary>
    public Task<IResult> TerminateAsync(HttpRequest request, string saga, string instanceId, CancellationToken cancellationToken) =>
        ActOnRunningAsync(request, saga, instanceId, AuditActions.Terminate, async reason =>
        {
            reason ??= request.Query["reason"].FirstOrDefault();
            await _client.TerminateAsync(InstanceIds.FromRoute(instanceId), reason, cancellationToken);
            return reason;
        }, cancellationToken);

    /// <summary>
    /// Cancel and terminate: 404 unknown, 410 finished, 400 bad <c>{reason}</c>, otherwise act (returning the reason it
    /// used), record it in the audit trail and answer 202.
    /// </summary>
    private async Task<IResult> ActOnRunningAsync(
        HttpRequest request, string saga, string instanceId, string auditAction, Func<string?, Task<string?>> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (registration, instance, notFound) = await FindAsync(saga, instanceId, cancellationToken);
        if (notFound is not null)
        {
            return notFound;
        }

        if (instance!.IsFinished)
        {
            return Finished(instance);
        }

        var (reason, error) = await ReadReasonAsync(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var note = await act(reason);
        await RecordAsync(request, auditAction, registration!.Route, instance.InstanceId, note, cancellationToken);
        return Results.Accepted(SagaUrl(request, registration.Route, instance.InstanceId));
    }

    /// <summary>
    /// <c>GET /api/sagas?saga=&amp;status=&amp;runtimeStatus=&amp;phase=&amp;stuck=&amp;version=&amp;createdFrom=&amp;createdTo=&amp;pageSize=&amp;continuationToken=</c>:
    /// one page, newest first. <c>status</c> is the saga's own status (its output's, e.g. <c>failed</c>), <c>runtimeStatus</c>
    /// the engine's (<c>Running</c>), <c>phase</c> the kernel's (<c>compensated</c>); each takes several values
    /// comma-separated. An unknown parameter is a 400 naming it. Only saga instances are listed (helper orchestrations are
    /// on the Durable webhook list), and filters other than saga, runtime status and created time are applied to what the
    /// engine returns, so a page can hold fewer than <c>pageSize</c> items; follow <c>continuationToken</c> until it is null.
    /// </summary>
    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) => ListAsync(request, null, cancellationToken);

    /// <summary><c>GET /api/sagas/{saga}</c>: the list with <c>saga</c> set (404 for an unknown saga).</summary>
    public async Task<IResult> ListAsync(HttpRequest request, string? saga, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (saga is not null && _registry.FindByRoute(saga) is null)
        {
            return UnknownSaga(saga);
        }

        var query = request.Query;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var key in query.Keys.Where(k => !ListParameters.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            errors[key] = [$"Unknown query parameter '{key}'. Use: {string.Join(", ", ListParameters)}."];
        }

        string? orchestrator = null;
        SagaDeclaration? filtered = null;
        var sagaFilter = query["saga"].FirstOrDefault();
        if (saga is not null && !string.IsNullOrEmpty(sagaFilter) && !string.Equals(saga, sagaFilter, StringComparison.OrdinalIgnoreCase))
        {
            errors["saga"] = [$"The route names saga '{saga}' and the query '{sagaFilter}'; give one."];
        }

        sagaFilter = saga ?? sagaFilter;
        if (!string.IsNullOrEmpty(sagaFilter))
        {
            filtered = _registry.FindByRoute(sagaFilter);
            orchestrator = filtered?.OrchestratorName;
            if (orchestrator is null)
            {
                errors["saga"] = [$"Unknown saga '{sagaFilter}'. Known sagas: {KnownSagas()}."];
            }
        }

        var statuses = ParseStatuses(query["runtimeStatus"].FirstOrDefault(), errors, "runtimeStatus");
        var outcomes = ParseOutcomes(query["status"].FirstOrDefault(), errors);
        var phases = ParseValues(query["phase"].FirstOrDefault(), Phases, "phase", "phase", errors);
        var stuck = ParseBool(query["stuck"].FirstOrDefault(), "stuck", errors);
        var version = query["version"].FirstOrDefault();
        var createdFrom = ParseDate(query["createdFrom"].FirstOrDefault(), "createdFrom", errors);
        var createdTo = ParseDate(query["createdTo"].FirstOrDefault(), "createdTo", errors);
        if (createdFrom > createdTo)
        {
            errors["createdFrom"] = ["'createdFrom' must not be later than 'createdTo'."];
        }

        var pageSize = ParsePageSize(query["pageSize"].FirstOrDefault(), errors);
        if (errors.Count > 0)
        {
            return HttpProblems.Validation(errors);
        }

        var baseUrl = RequestUrls.BaseUrl(request);
        var now = _time.GetUtcNow();
        var overdue = await OverdueDeadLettersAsync(now, cancellationToken);
        bool Matches(SagaSummary s) =>
            s.Saga is not null
            && (filtered is null || string.Equals(s.Saga, filtered.Route, StringComparison.Ordinal))
            && (outcomes is null || (s.Status is not null && outcomes.Contains(s.Status, StringComparer.Ordinal)))
            && (phases is null || (s.Phase is not null && phases.Contains(s.Phase, StringComparer.Ordinal)))
            && (stuck is null || (s.Stuck is not null) == stuck)
            && (string.IsNullOrEmpty(version) || SagaVersions.Same(s.Version, version));

        // One engine page per API page; while the filters leave a page empty and the engine has more, read on (bounded),
        // so a sparse filter does not answer a run of empty pages.
        var token = query["continuationToken"].FirstOrDefault() is { Length: > 0 } t ? t : null;
        var items = new List<SagaSummary>();
        for (var read = 0; read < MaxEnginePages && items.Count == 0; read++)
        {
            var page = await QueryOrNullAsync(
                _client, new SagaInstanceQuery(orchestrator, statuses, createdFrom, createdTo, pageSize, token), cancellationToken);
            if (page is null)
            {
                return HttpProblems.Validation("continuationToken", "The continuation token is not one this API issued.");
            }

            items.AddRange(page.Instances
                .Select(i => WithDeadLetterStuck(SagaViews.ToSummary(i, _registry.FindByInstance(i)?.Route, baseUrl, now, _options.StuckAfter), overdue))
                .Where(Matches));
            token = page.ContinuationToken;
            if (token is null)
            {
                break;
            }
        }

        return Results.Json(new SagaSummaryPage(items, token), SagaHttpJson.Options);
    }

    /// <summary>202 with <c>Location</c> (the status query URI) and Durable's check-status payload.</summary>
    public static IResult CheckStatus(string baseUrl, string instanceId) => CheckStatus(HttpManagementPayload.For(baseUrl, instanceId));

    /// <summary>202 with <c>Location</c> = <see cref="HttpManagementPayload.StatusQueryGetUri"/> and the payload as body.</summary>
    public static IResult CheckStatus(HttpManagementPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new WithHeadersResult(
            Results.Json(payload, SagaHttpJson.Options, statusCode: StatusCodes.Status202Accepted),
            new KeyValuePair<string, string>("Location", payload.StatusQueryGetUri));
    }

    /// <summary>Runs the query; null when the engine rejects the continuation token (it throws ArgumentException for tokens it did not issue).</summary>
    public static async Task<SagaInstancePage?> QueryOrNullAsync(ISagaClient client, SagaInstanceQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return await client.QueryAsync(query, cancellationToken);
        }
        catch (ArgumentException) when (query.ContinuationToken is not null)
        {
            return null;
        }
    }

    /// <summary>410 Gone: the instance has already finished (shared with Standalone's Durable webhooks).</summary>
    public static IResult Finished(SagaInstance instance) =>
        HttpProblems.Gone($"Instance '{instance.InstanceId}' has already finished ({instance.RuntimeStatus}).");

    private async Task<(SagaDeclaration? Saga, SagaInstance? Instance, IResult? NotFound)> FindAsync(
        string saga, string instanceId, CancellationToken cancellationToken)
    {
        var registration = _registry.FindByRoute(saga);
        if (registration is null)
        {
            return (null, null, UnknownSaga(saga));
        }

        var id = InstanceIds.FromRoute(instanceId);
        if (InstanceIds.Validate(id) is { } idError)
        {
            return (registration, null, HttpProblems.Validation("instanceId", idError));
        }

        var instance = await _client.GetAsync(id, cancellationToken);
        if (instance is null || _registry.FindByInstance(instance) != registration)
        {
            return (registration, null, HttpProblems.NotFound($"No '{registration.Route}' saga instance with id '{id}'."));
        }

        return (registration, _registry.AsRequested(instance), null);
    }

    private async Task<(string? Reason, IResult? Error)> ReadReasonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, _options.MaxBodyBytes, cancellationToken);
        if (body.Error is not null)
        {
            return (null, body.Error);
        }

        var errors = EventPayloads.Validate(_options.CancelEventName, body.Root, typeof(CancelRequest));
        if (errors.Count > 0)
        {
            return (null, HttpProblems.Validation(errors));
        }

        return body.Root is { } root && root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
            ? (reason.GetString(), null)
            : (null, null);
    }

    /// <summary>The overdue dead letters by instance (none without a store), for the dead-letter bound of "stuck".</summary>
    private async Task<Dictionary<string, DeadLetterEntry>> OverdueDeadLettersAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _deadLetters is null
            ? new Dictionary<string, DeadLetterEntry>(StringComparer.Ordinal)
            : DeadLetterStuck.Overdue(await _deadLetters.ListAsync(null, cancellationToken), now, _options.DeadLetterSla);

    private SagaSummary WithDeadLetterStuck(SagaSummary summary, Dictionary<string, DeadLetterEntry> overdue) =>
        summary with { Stuck = DeadLetterStuck.Apply(summary.Stuck, summary.InstanceId, overdue, _options.DeadLetterSla) };

    private Task RecordAsync(HttpRequest request, string action, string saga, string instanceId, string? note, CancellationToken cancellationToken) =>
        _audit is null ? Task.CompletedTask : _audit.RecordAsync(request, action, saga, instanceId, null, note, cancellationToken);

    private IResult UnknownSaga(string saga) =>
        HttpProblems.NotFound($"Unknown saga '{saga}'. Known sagas: {KnownSagas()}.");

    private string KnownSagas() => string.Join(", ", _registry.Sagas.Select(s => s.Route));

    private static string SagaUrl(HttpRequest request, string route, string instanceId) =>
        $"{RequestUrls.BaseUrl(request)}/api/sagas/{route}/{Uri.EscapeDataString(instanceId)}";

    /// <summary>A comma-separated list of runtime statuses from the query <paramref name="field"/>; errors name the field.</summary>
    public static IReadOnlyList<string>? ParseStatuses(string? value, Dictionary<string, string[]> errors, string field = "status")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var result = new List<string>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = RuntimeStatuses.FirstOrDefault(s => string.Equals(s, part, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                errors[field] = [$"Unknown runtime status '{part}'. Use one or more of: {string.Join(", ", RuntimeStatuses)}."];
                return null;
            }

            result.Add(match);
        }

        return result;
    }

    /// <summary>
    /// The <c>status</c> filter: saga outcome strings. A runtime status name that is no outcome (<c>Running</c>) is a 400
    /// pointing at <c>runtimeStatus</c>.
    /// </summary>
    private List<string>? ParseOutcomes(string? value, Dictionary<string, string[]> errors)
    {
        // The C# sagas' outcomes plus those the registered definitions declare (a declarative saga's own strings).
        string[] known = [.. Outcomes.Concat(_registry.Sagas.SelectMany(s => s.Definition?.Outcomes ?? [])).Distinct(StringComparer.Ordinal)];
        var parts = Split(value);
        var runtimeOnly = parts?.FirstOrDefault(p =>
            RuntimeStatuses.Contains(p, StringComparer.OrdinalIgnoreCase) && !known.Contains(p, StringComparer.OrdinalIgnoreCase));
        if (runtimeOnly is not null)
        {
            errors["status"] = [$"'{runtimeOnly}' is a runtime status; filter on it with runtimeStatus={runtimeOnly}. 'status' is the saga's own status: {string.Join(", ", known)}."];
            return null;
        }

        return ParseValues(value, known, "status", "saga status", errors);
    }

    /// <summary>Comma-separated values out of <paramref name="known"/> (case-insensitive), in their known spelling; null when absent.</summary>
    private static List<string>? ParseValues(string? value, string[] known, string field, string what, Dictionary<string, string[]> errors)
    {
        var parts = Split(value);
        if (parts is null)
        {
            return null;
        }

        var result = new List<string>();
        foreach (var part in parts)
        {
            var match = known.FirstOrDefault(k => string.Equals(k, part, StringComparison.OrdinalIgnoreCase)
                || string.Equals(k, SagaViews.SnakeCase(part), StringComparison.Ordinal));
            if (match is null)
            {
                errors[field] = [$"Unknown {what} '{part}'. Use one or more of: {string.Join(", ", known)}."];
                return null;
            }

            result.Add(match);
        }

        return result;
    }

    private static string[]? Split(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool? ParseBool(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (bool.TryParse(value, out var result))
        {
            return result;
        }

        errors[field] = [$"'{field}' must be true or false."];
        return null;
    }

    /// <summary>An ISO 8601 date-time from the query <paramref name="field"/>; errors name the field.</summary>
    public static DateTimeOffset? ParseDate(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return date;
        }

        errors[field] = [$"'{field}' must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z."];
        return null;
    }

    private int ParsePageSize(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return 50;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && size >= 1 && size <= _options.MaxPageSize)
        {
            return size;
        }

        errors["pageSize"] = [$"'pageSize' must be a whole number from 1 to {_options.MaxPageSize}."];
        return 0;
    }

    private sealed record ReasonBody(string Reason);
}
