using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Http;

namespace SagaFunctions.FunctionApp.Api;

/// <summary>
/// The monitor page and its static assets (<see cref="MonitorAssets"/>, the same bytes at the same <c>/monitor</c> URLs
/// as Standalone: host.json's route prefix is empty and every API function carries <c>api/</c> in its own route).
/// Anonymous, as they hold no data — the page's API calls send the function key the operator enters.
/// </summary>
public static class MonitorHttpFunctions
{
    /// <summary>Where the page lived while the API prefix was host-wide; old links are sent on to <c>/monitor</c>.</summary>
    public const string LegacyPrefix = "/api";

    [Function(nameof(MonitorPage))]
    public static Task<IResult> MonitorPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "monitor")] HttpRequest request) =>
        Task.FromResult(MonitorAssets.Page());

    [Function(nameof(MonitorSagaPage))]
    public static Task<IResult> MonitorSagaPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "monitor/sagas/{saga}/{instanceId}")] HttpRequest request,
        string saga,
        string instanceId) =>
        Task.FromResult(MonitorAssets.Page());

    [Function(nameof(MonitorAsset))]
    public static Task<IResult> MonitorAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "monitor/assets/{name}")] HttpRequest request,
        string name) =>
        Task.FromResult(MonitorAssets.Asset(name));

    /// <summary><c>GET /api/monitor[/...]</c>: 301 to the same path and query under <c>/monitor</c>.</summary>
    [Function(nameof(LegacyMonitorRedirect))]
    public static Task<IResult> LegacyMonitorRedirect(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/monitor/{*path}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.StartsWithSegments(LegacyPrefix, out var rest) ? rest : request.Path;
        return Task.FromResult(Results.Redirect($"{request.PathBase.Add(path).ToUriComponent()}{request.QueryString.ToUriComponent()}", permanent: true));
    }
}
