using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Http;

namespace SagaFunctions.FunctionApp.Api;

/// <summary>
/// The monitor page's static assets (<see cref="MonitorAssets"/>, the same bytes Standalone serves). Under host.json's
/// route prefix they are at <c>/api/monitor</c> here, not <c>/monitor</c>; anonymous, as they hold no data — the page's API
/// calls send the function key the operator enters.
/// </summary>
public static class MonitorHttpFunctions
{
    /// <summary>The route prefix every HTTP function is under (host.json <c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "/api";

    [Function(nameof(MonitorPage))]
    public static Task<IResult> MonitorPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "monitor")] HttpRequest request) =>
        Task.FromResult(MonitorAssets.Page(RoutePrefix));

    [Function(nameof(MonitorSagaPage))]
    public static Task<IResult> MonitorSagaPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "monitor/sagas/{saga}/{instanceId}")] HttpRequest request,
        string saga,
        string instanceId) =>
        Task.FromResult(MonitorAssets.Page(RoutePrefix));

    [Function(nameof(MonitorAsset))]
    public static Task<IResult> MonitorAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "monitor/assets/{name}")] HttpRequest request,
        string name) =>
        Task.FromResult(MonitorAssets.Asset(name));
}
