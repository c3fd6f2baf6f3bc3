using SagaFunctions.Http;

namespace SagaFunctions.Standalone.Endpoints;

/// <summary>The monitor page (<see cref="MonitorAssets"/>): the list at /monitor, one saga at /monitor/sagas/{saga}/{instanceId}.</summary>
public static class MonitorEndpoints
{
    public static IEndpointRouteBuilder MapMonitor(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/monitor").WithTags("Monitor").ExcludeFromDescription();
        group.MapGet("/", () => MonitorAssets.Page());
        group.MapGet("/sagas/{saga}/{instanceId}", (string saga, string instanceId) => MonitorAssets.Page());
        group.MapGet("/assets/{name}", (string name) => MonitorAssets.Asset(name));
        return endpoints;
    }
}
