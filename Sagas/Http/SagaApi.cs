using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.Http;

/// <summary>
/// The saga routes of DESIGN §5 as plain methods returning <see cref="IResult"/>, written against <see cref="ISagaClient"/>
/// so Standalone (minimal APIs) and FunctionApp (HTTP triggers) serve the same contract with one call each.
/// Cheap to construct: FunctionApp builds one per invocation around its <c>DurableTaskClient</c> adapter.
/// </summary>
public sealed class SagaApi
{
    private static readonly string[] RuntimeStatuses =
        ["Pending", "Running", "Completed", "ContinuedAsNew", "Failed", "Terminated", "Suspended"];

    private readonly ISagaClient _client;
    private readonly SagaRegistry _registry;
    private readonly SagaHttpOptions _options;
    private readonly StartedResponse _started;
    private readonly ManagementUrls _urls;

    /// <param name="started">How a successful start is answered; <see cref="DefaultStarted"/> when null.</param>
    /// <param name="urls">The instance's management URLs (the view's <c>statusQueryGetUri</c>); on the request's base URL when null.</param>
    public SagaApi(ISagaClient client, SagaRegistry registry, SagaHttpOptions? options = null, StartedResponse? started = null, ManagementUrls? urls = null)
    {
        _urls = urls ?? DefaultUrls;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _options = options ?? new SagaHttpOptions();
        _started = started ?? DefaultStarted;
    }

    /// <summary>The default answer to a successful start: 202 with <see cref="CheckStatus(string, string)"/>.</summary>
    /// <summary>Management URLs on the request's own base URL (Standalone serves Durable's webhooks itself).</summary>
    public static HttpManagementPayload DefaultUrls(HttpRequest request, string instanceId) =>
        HttpManagementPayload.For(RequestUrls.BaseUrl(request), instanceId);

    public static Task<IResult> DefaultStarted(HttpRequest request, string instanceId, CancellationToken cancellationToken) =>
        Task.FromResult(CheckStatus(RequestUrls.BaseUrl(request), instanceId));

    /// <summary>
    /// <c>POST /api/sagas/{saga}[/{instanceId}]</c>: validates the body, starts the saga and answers 202 with
    /// <c>Location</c> and Durable's check-status payload. Without a route id a new id is generated. An id that already
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

        if (instanceId is not null && InstanceIds.Validate(instanceId) is { } idError)
        {
            return HttpProblems.Validation("instanceId", idError);
        }

        var body = await JsonBody.ReadAsync(request, _options.MaxBodyBytes, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var (input, error) = SagaRequestBinder.Bind(body.Root, registration.RequestType);
        if (error is not null)
        {
            return error;
        }

        var id = instanceId ?? InstanceIds.New();
        if (!await _client.TryStartAsync(registration.OrchestratorName, id, input!, cancellationToken))
        {
            return HttpProblems.Conflict(
                $"An instance with id '{id}' already exists; nothing was started.",
                new Dictionary<string, object?>
                {
                    ["instanceId"] = id,
                    ["statusQueryGetUri"] = _urls(request, id).StatusQueryGetUri,
                });
        }

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

        return Results.Json(SagaViews.ToView(instance!, registration!.Route, _urls(request, instance!.InstanceId).StatusQueryGetUri), SagaHttpJson.Options);
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

        var errors = EventPayloads.Validate(canonical, body.Root);
        if (errors.Count > 0)
        {
            return HttpProblems.Validation(errors);
        }

        await _client.RaiseEventAsync(instanceId, canonical, body.Root, cancellationToken);
        return Results.Accepted(SagaUrl(request, registration.Route, instanceId));
    }

    /// <summary>
    /// <c>POST /api/sagas/{saga}/{instanceId}/cancel</c> (optional <c>{reason}</c>): raises the kernel's cancel event;
    /// the saga compensates what it did and ends <c>cancelled</c>. 202 / 404 / 410.
    /// </summary>
    public Task<IResult> CancelAsync(HttpRequest request, string saga, string instanceId, CancellationToken cancellationToken) =>
        ActOnRunningAsync(request, saga, instanceId, reason =>
        {
            var payload = JsonSerializer.SerializeToElement(new ReasonBody(reason ?? "cancelled by request"), SagaHttpJson.Options);
            return _client.RaiseEventAsync(instanceId, _options.CancelEventName, payload, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// <c>POST /api/sagas/{saga}/{instanceId}/terminate</c> (reason in <c>?reason=</c> or <c>{reason}</c>): Durable's
    /// terminate — the instance stops at once and compensates nothing. 202 / 404 / 410.
    /// </summary>
    public Task<IResult> TerminateAsync(HttpRequest request, string saga, string instanceId, CancellationToken cancellationToken) =>
        ActOnRunningAsync(request, saga, instanceId, reason =>
            _client.TerminateAsync(instanceId, reason ?? request.Query["reason"].FirstOrDefault(), cancellationToken), cancellationToken);

    /// <summary>Cancel and terminate: 404 unknown, 410 finished, 400 bad <c>{reason}</c>, otherwise act and answer 202.</summary>
    private async Task<IResult> ActOnRunningAsync(
        HttpRequest request, string saga, string instanceId, Func<string?, Task> act, CancellationToken cancellationToken)
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

        await act(reason);
        return Results.Accepted(SagaUrl(request, registration!.Route, instanceId));
    }

    /// <summary>
    /// <c>GET /api/sagas?saga=&amp;runtimeStatus=&amp;createdFrom=&amp;createdTo=&amp;pageSize=&amp;continuationToken=</c>:
    /// one page, newest first. <c>runtimeStatus</c> (or its older name <c>status</c>) is a runtime status, comma-separated
    /// for several. Only saga instances are
    /// listed (helper orchestrations such as sub-orchestrations and dead-letter retries are on the Durable webhook list),
    /// so a page can hold fewer than <c>pageSize</c> items; follow <c>continuationToken</c> until it is null.
    /// </summary>
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        string? orchestrator = null;
        var sagaFilter = query["saga"].FirstOrDefault();
        if (!string.IsNullOrEmpty(sagaFilter))
        {
            orchestrator = _registry.FindByRoute(sagaFilter)?.OrchestratorName;
            if (orchestrator is null)
            {
                errors["saga"] = [$"Unknown saga '{sagaFilter}'. Known sagas: {KnownSagas()}."];
            }
        }

        var statusField = query.ContainsKey("runtimeStatus") ? "runtimeStatus" : "status";
        if (statusField == "runtimeStatus" && query.ContainsKey("status"))
        {
            errors["status"] = ["'status' is the older name of 'runtimeStatus'; give one of them."];
        }

        var statuses = ParseStatuses(query[statusField].FirstOrDefault(), errors, statusField);
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

        var token = query["continuationToken"].FirstOrDefault();
        var page = await QueryOrNullAsync(
            _client, new SagaInstanceQuery(orchestrator, statuses, createdFrom, createdTo, pageSize, string.IsNullOrEmpty(token) ? null : token), cancellationToken);
        if (page is null)
        {
            return HttpProblems.Validation("continuationToken", "The continuation token is not one this API issued.");
        }

        var baseUrl = RequestUrls.BaseUrl(request);
        var items = page.Instances
            .Select(i => (Instance: i, Saga: _registry.FindByOrchestrator(i.Name)))
            .Where(x => x.Saga is not null)
            .Select(x => SagaViews.ToSummary(x.Instance, x.Saga!.Route, baseUrl))
            .ToList();
        return Results.Json(new SagaSummaryPage(items, page.ContinuationToken), SagaHttpJson.Options);
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
    internal static async Task<SagaInstancePage?> QueryOrNullAsync(ISagaClient client, SagaInstanceQuery query, CancellationToken cancellationToken)
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

    internal static IResult Finished(SagaInstance instance) =>
        HttpProblems.Gone($"Instance '{instance.InstanceId}' has already finished ({instance.RuntimeStatus}).");

    private async Task<(SagaRegistration? Saga, SagaInstance? Instance, IResult? NotFound)> FindAsync(
        string saga, string instanceId, CancellationToken cancellationToken)
    {
        var registration = _registry.FindByRoute(saga);
        if (registration is null)
        {
            return (null, null, UnknownSaga(saga));
        }

        var instance = InstanceIds.Validate(instanceId) is null ? await _client.GetAsync(instanceId, cancellationToken) : null;
        if (instance is null || !string.Equals(instance.Name, registration.OrchestratorName, StringComparison.Ordinal))
        {
            return (registration, null, HttpProblems.NotFound($"No '{registration.Route}' saga instance with id '{instanceId}'."));
        }

        return (registration, instance, null);
    }

    private async Task<(string? Reason, IResult? Error)> ReadReasonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, _options.MaxBodyBytes, cancellationToken);
        if (body.Error is not null)
        {
            return (null, body.Error);
        }

        var errors = EventPayloads.Validate(_options.CancelEventName, body.Root);
        if (errors.Count > 0)
        {
            return (null, HttpProblems.Validation(errors));
        }

        return body.Root is { } root && root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
            ? (reason.GetString(), null)
            : (null, null);
    }

    private IResult UnknownSaga(string saga) =>
        HttpProblems.NotFound($"Unknown saga '{saga}'. Known sagas: {KnownSagas()}.");

    private string KnownSagas() => string.Join(", ", _registry.Sagas.Select(s => s.Route));

    private static string SagaUrl(HttpRequest request, string route, string instanceId) =>
        $"{RequestUrls.BaseUrl(request)}/api/sagas/{route}/{Uri.EscapeDataString(instanceId)}";

    internal static IReadOnlyList<string>? ParseStatuses(string? value, Dictionary<string, string[]> errors, string field = "status")
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

    internal static DateTimeOffset? ParseDate(string? value, string field, Dictionary<string, string[]> errors)
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
