using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SagaFunctions.Http;

/// <summary>
/// Durable Functions' instance-management webhooks (<c>/runtime/webhooks/durabletask/instances…</c>) with Durable's
/// shapes and status codes, for hosts that do not have the real ones (Standalone). FunctionApp serves the real webhooks.
/// Suspend, resume, restart and rewind are not supported by the engine port and answer 501.
/// </summary>
public sealed class DurableWebhookApi
{
    public const string ContinuationHeader = "x-ms-continuation-token";

    private readonly ISagaClient _client;
    private readonly SagaHttpOptions _options;

    public DurableWebhookApi(ISagaClient client, SagaHttpOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new SagaHttpOptions();
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
        var instance = await GetInstanceAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return UnknownInstance(instanceId);
        }

        if (instance.IsFinished)
        {
            return SagaApi.Finished(instance);
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
    public async Task<IResult> TerminateAsync(HttpRequest request, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instance = await GetInstanceAsync(instanceId, cancellationToken);
        if (instance is null)
        {
            return UnknownInstance(instanceId);
        }

        if (instance.IsFinished)
        {
            return SagaApi.Finished(instance);
        }

        await _client.TerminateAsync(instanceId, request.Query["reason"].FirstOrDefault(), cancellationToken);
        return Results.StatusCode(StatusCodes.Status202Accepted);
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

    /// <summary>Suspend, resume, restart and rewind: 501, the engine port does not offer them.</summary>
    public static IResult NotSupported(string operation) =>
        HttpProblems.NotImplemented($"'{operation}' is not supported by this host; use terminate, purge and start instead.");

    private async Task<SagaInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        InstanceIds.Validate(instanceId) is null ? await _client.GetAsync(instanceId, cancellationToken) : null;

    private static IResult UnknownInstance(string instanceId) => HttpProblems.NotFound($"No instance with id '{instanceId}'.");

    private static bool IsJsonContentType(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
