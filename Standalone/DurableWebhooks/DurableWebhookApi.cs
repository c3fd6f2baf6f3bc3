using System.Globalization;
using Microsoft.AspNetCore.Http;

using SagaFunctions.Http;

namespace SagaFunctions.Standalone.DurableWebhooks;

/// <summary>
/// Durable Functions' instance-management webhooks (<c>/runtime/webhooks/durabletask/instances…</c>) with Durable's
/// shapes and status codes, for hosts that do not have the real ones (Standalone). FunctionApp serves the real webhooks.
/// Suspend, resume and restart need an <see cref="ISagaInstanceControl"/> (without one they answer 501). Rewind always
/// answers 501: the embedded runtime does not offer it (see <see cref="Rewind"/>).
/// </summary>
public sealed class DurableWebhookApi
{
    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>The restart webhook's query parameter (Durable's name).</summary>
    public const string RestartWithNewInstanceId = "restartWithNewInstanceId";

    private readonly ISagaClient _client;
    private readonly SagaHttpOptions _options;
    private readonly ISagaInstanceControl? _control;
    private readonly StartedResponse _started;

    /// <param name="client">The orchestration client.</param>
    /// <param name="options">Limits and retry hints; defaults when null.</param>
    /// <param name="control">Suspend, resume and restart; null answers them with 501.</param>
    /// <param name="started">The answer to a successful restart; <see cref="SagaApi.DefaultStarted"/> (as a start) when null.</param>
    public DurableWebhookApi(
        ISagaClient client, SagaHttpOptions? options = null, ISagaInstanceControl? control = null, StartedResponse? started = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new SagaHttpOptions();
        _control = control;
        _started = started ?? SagaApi.DefaultStarted;
    }

    /// <summary>
    /// <c>GET instances/{id}</c>: 202 + <c>Location</c> + <c>Retry-After</c> while pending/running/suspended, 200 once
    /// completed, failed or terminated (500 for failed with <c>?returnInternalServerErrorOnFailure=true</c>), 404 unknown.
    /// </summary>
    public async Task<IResult> GetStatusAsync(HttpRequest request, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instance = await GetInstanceAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return UnknownInstance(instanceId);
        }

        var showInput = !bool.TryParse(request.Query["showInput"].FirstOrDefault(), out var show) || show;
        var payload = DurableStatusPayload.From(instance, showInput);
        if (!instance.IsFinished)
        {
            return new WithHeadersResult(
                Results.Json(payload, SagaHttpJson.Options, statusCode: StatusCodes.Status202Accepted),
                new KeyValuePair<string, string>("Location", $"{RequestUrls.BaseUrl(request)}{request.Path.ToUriComponent()}{request.QueryString.ToUriComponent()}"),
                new KeyValuePair<string, string>("Retry-After", _options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture)));
        }

        var failAsError = instance.RuntimeStatus == "Failed"
            && bool.TryParse(request.Query["returnInternalServerErrorOnFailure"].FirstOrDefault(), out var fail) && fail;
        return Results.Json(payload, SagaHttpJson.Options, statusCode: failAsError ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK);
    }

    /// <summary>
    /// <c>GET instances?runtimeStatus=&amp;createdTimeFrom=&amp;createdTimeTo=&amp;top=&amp;instanceIdPrefix=</c>: a JSON array
    /// of status payloads; the continuation token travels in the <c>x-ms-continuation-token</c> header both ways.
    /// </summary>
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var statuses = SagaApi.ParseStatuses(query["runtimeStatus"].FirstOrDefault(), errors, "runtimeStatus");
        var from = SagaApi.ParseDate(query["createdTimeFrom"].FirstOrDefault(), "createdTimeFrom", errors);
        var to = SagaApi.ParseDate(query["createdTimeTo"].FirstOrDefault(), "createdTimeTo", errors);
        var top = 100;
        var topValue = query["top"].FirstOrDefault();
        if (!string.IsNullOrEmpty(topValue)
            && (!int.TryParse(topValue, NumberStyles.Integer, CultureInfo.InvariantCulture, out top) || top < 1 || top > _options.MaxPageSize))
        {
            errors["top"] = [$"'top' must be a whole number from 1 to {_options.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return HttpProblems.Validation(errors);
        }

        var token = request.Headers[ContinuationHeader].FirstOrDefault();
        var page = await SagaApi.QueryOrNullAsync(
            _client, new SagaInstanceQuery(null, statuses, from, to, top, string.IsNullOrEmpty(token) ? null : token), cancellationToken);
        if (page is null)
        {
            return HttpProblems.Validation(ContinuationHeader, "The continuation token is not one this API issued.");
        }

        var prefix = query["instanceIdPrefix"].FirstOrDefault();
        var items = page.Instances
            .Where(i => string.IsNullOrEmpty(prefix) || i.InstanceId.StartsWith(prefix, StringComparison.Ordinal))
            .Select(i => DurableStatusPayload.From(i, showInput: !bool.TryParse(query["showInput"].FirstOrDefault(), out var s) || s))
            .ToList();
        var result = Results.Json(items, SagaHttpJson.Options);
        return page.ContinuationToken is null
            ? result
            : new WithHeadersResult(result, new KeyValuePair<string, string>(ContinuationHeader, page.ContinuationToken));
    }

    /// <summary><c>POST instances/{id}/raiseEvent/{eventName}</c>: 202; 404 unknown; 410 finished; 400 body not <c>application/json</c> or not JSON.</summary>
    public async Task<IResult> RaiseEventAsync(HttpRequest request, string instanceId, string eventName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await UnknownOrFinishedAsync(instanceId, cancellationToken) is { } notRunning)
        {
            return notRunning;
        }

        if (!IsJsonContentType(request.ContentType))
        {
            return HttpProblems.Validation("$", "Only application/json request content is supported.");
        }

        var body = await JsonBody.ReadAsync(request, _options.MaxBodyBytes, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        await _client.RaiseEventAsync(instanceId, eventName, body.Root, cancellationToken);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary><c>POST instances/{id}/terminate?reason=</c>: 202; 404 unknown; 410 finished.</summary>
    public Task<IResult> TerminateAsync(HttpRequest request, string instanceId, CancellationToken cancellationToken) =>
        ActOnUnfinishedAsync(request, instanceId, async reason =>
        {
            await _client.TerminateAsync(instanceId, reason, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// <c>POST instances/{id}/suspend?reason=</c>: 202 (also when already suspended); 404 unknown; 410 finished; 501 when
    /// the host has no <see cref="ISagaInstanceControl"/>.
    /// </summary>
    public Task<IResult> SuspendAsync(HttpRequest request, string instanceId, CancellationToken cancellationToken) =>
        _control is null
            ? Task.FromResult(NotSupported("suspend"))
            : ActOnUnfinishedAsync(request, instanceId, reason => _control.SuspendAsync(instanceId, reason, cancellationToken), cancellationToken);

    /// <summary>
    /// <c>POST instances/{id}/resume?reason=</c>: 202 (also when not suspended); 404 unknown; 410 finished; 501 when the
    /// host has no <see cref="ISagaInstanceControl"/>.
    /// </summary>
    public Task<IResult> ResumeAsync(HttpRequest request, string instanceId, CancellationToken cancellationToken) =>
        _control is null
            ? Task.FromResult(NotSupported("resume"))
            : ActOnUnfinishedAsync(request, instanceId, reason => _control.ResumeAsync(instanceId, reason, cancellationToken), cancellationToken);

    /// <summary>
    /// <c>POST instances/{id}/restart?restartWithNewInstanceId=true|false</c> (default true, as Durable's client): starts
    /// the orchestrator again with the instance's input and answers exactly as a start (202 + <c>Location</c> + the
    /// check-status payload of the started id). 400 unknown instance (as Durable: "InstanceId does not match a valid
    /// orchestration instance") or a non-boolean <c>restartWithNewInstanceId</c>; 409 same-id restart of an instance
    /// that has not finished; 501 when the host has no <see cref="ISagaInstanceControl"/>.
    /// </summary>
    public async Task<IResult> RestartAsync(HttpRequest request, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_control is null)
        {
            return NotSupported("restart");
        }

        var withNewId = true;
        var value = request.Query[RestartWithNewInstanceId].FirstOrDefault();
        if (!string.IsNullOrEmpty(value) && !bool.TryParse(value, out withNewId))
        {
            return HttpProblems.Validation(RestartWithNewInstanceId, $"'{RestartWithNewInstanceId}' must be true or false, not '{value}'.");
        }

        if (InstanceIds.Validate(instanceId) is not null)
        {
            return NotAnInstance(instanceId);
        }

        string startedId;
        try
        {
            startedId = await _control.RestartAsync(instanceId, withNewId, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            return NotAnInstance(instanceId);
        }
        catch (InvalidOperationException e) when (e is not ObjectDisposedException)
        {
            return HttpProblems.Conflict(
                $"Instance '{instanceId}' has not finished, so it cannot be restarted under the same id; "
                + $"restart it with {RestartWithNewInstanceId}=true, or terminate it first.",
                new Dictionary<string, object?> { ["instanceId"] = instanceId });
        }

        return await _started(request, startedId, cancellationToken);
    }

    /// <summary><c>DELETE instances/{id}</c>: 200 <c>{instancesDeleted}</c>; 404 unknown; 412 while still running (as Durable).</summary>
    public async Task<IResult> PurgeAsync(HttpRequest request, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instance = await GetInstanceAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return UnknownInstance(instanceId);
        }

        if (!instance.IsFinished)
        {
            return HttpProblems.PreconditionFailed(
                $"Only orchestrations in a terminal state can be purged, but instance '{instanceId}' is {instance.RuntimeStatus}.");
        }

        return await _client.PurgeAsync(instanceId, cancellationToken)
            ? Results.Json(new PurgeResult(1), SagaHttpJson.Options)
            : UnknownInstance(instanceId);
    }

    /// <summary>
    /// <c>POST instances/{id}/rewind</c>: 501. The embedded runtime does not offer rewind: saga instances rarely fail,
    /// because the kernel turns activity failures into compensation; restart re-runs an instance with its input.
    /// </summary>
    public static IResult Rewind() =>
        HttpProblems.NotImplemented(
            "Rewind is not offered by the embedded runtime: saga instances rarely end Failed, because the saga kernel turns "
            + "activity failures into compensation. Use POST …/restart to run an instance again with its original input.");

    /// <summary>Suspend, resume or restart on a host without <see cref="ISagaInstanceControl"/>: 501.</summary>
    private static IResult NotSupported(string operation) =>
        HttpProblems.NotImplemented($"'{operation}' is not supported by this host; use terminate, purge and start instead.");

    /// <summary>
    /// 404 unknown, 410 finished, otherwise <paramref name="act"/> with <c>?reason=</c> and 202. When the act reports
    /// false the instance finished or was purged in between: 410 or 404 from a fresh read.
    /// </summary>
    private async Task<IResult> ActOnUnfinishedAsync(
        HttpRequest request, string instanceId, Func<string?, Task<bool>> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await UnknownOrFinishedAsync(instanceId, cancellationToken) is { } notRunning)
        {
            return notRunning;
        }

        if (await act(request.Query["reason"].FirstOrDefault()))
        {
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }

        return await UnknownOrFinishedAsync(instanceId, cancellationToken)
            ?? HttpProblems.Gone($"Instance '{instanceId}' could not be changed: the engine reports it unknown or finished.");
    }

    /// <summary>404 when unknown, 410 when finished, null when the instance is pending, running or suspended.</summary>
    private async Task<IResult?> UnknownOrFinishedAsync(string instanceId, CancellationToken cancellationToken)
    {
        var instance = await GetInstanceAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return UnknownInstance(instanceId);
        }

        return instance.IsFinished ? SagaApi.Finished(instance) : null;
    }

    private async Task<SagaInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        InstanceIds.Validate(instanceId) is null ? await _client.GetAsync(instanceId, cancellationToken) : null;

    private static IResult UnknownInstance(string instanceId) => HttpProblems.NotFound($"No instance with id '{instanceId}'.");

    /// <summary>Restart of an unknown id: 400 naming <c>instanceId</c>, as Durable's webhook (not 404).</summary>
    private static IResult NotAnInstance(string instanceId) =>
        HttpProblems.Validation("instanceId", $"InstanceId does not match a valid orchestration instance: no instance with id '{instanceId}'.");

    private static bool IsJsonContentType(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
