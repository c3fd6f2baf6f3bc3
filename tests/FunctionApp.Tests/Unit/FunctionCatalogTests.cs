using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.FunctionApp.Api;
using SagaFunctions.FunctionApp.Tests.RealEngine;
using SagaFunctions.FunctionApp.Tests.Scenarios;
using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.FunctionApp.Tests.Unit;

/// <summary>
/// FunctionApp's Durable functions are held against the saga catalog (one function per entry, same name and input type,
/// nothing extra), and its HTTP functions against the contract's URLs (the API under <c>/api</c>, the monitor at <c>/monitor</c>).
/// </summary>
public class FunctionCatalogTests
{
    [Fact]
    public void Orchestrators_EveryCatalogOrchestrator_HasExactlyOneFunctionOfTheSameName()
    {
        Assert.Equal(
            SagaVersions.ForEngine(SagaCatalog.Orchestrators).Select(o => o.OrchestratorName).Order(StringComparer.Ordinal),
            FunctionAppFunctions.Orchestrators.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Activities_EveryCatalogActivity_HasExactlyOneFunctionOfTheSameNameAndInputType()
    {
        Assert.Equal(
            SagaCatalog.Activities.Select(a => $"{a.Name}({a.InputType.Name})").Order(StringComparer.Ordinal),
            FunctionAppFunctions.Activities.Select(f => $"{f.Name}({f.Trigger.ParameterType.Name})").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HttpFunctions_EveryRouteButTheMonitors_StartsWithApiUnderAnEmptyHostPrefix()
    {
        var routes = FunctionAppFunctions.HttpFunctions
            .Select(f => (f.Name, Route: f.Trigger.GetCustomAttribute<HttpTriggerAttribute>()!.Route ?? f.Name))
            .ToList();

        Assert.Equal(string.Empty, HostJsonRoutePrefix.Path);
        Assert.Equal(
            [nameof(MonitorHttpFunctions.MonitorAsset), nameof(MonitorHttpFunctions.MonitorPage), nameof(MonitorHttpFunctions.MonitorSagaPage)],
            routes.Where(r => !r.Route.StartsWith("api/", StringComparison.Ordinal)).Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.All(
            routes.Where(r => r.Name.StartsWith("Monitor", StringComparison.Ordinal)),
            r => Assert.True(r.Route == "monitor" || r.Route.StartsWith("monitor/", StringComparison.Ordinal), $"{r.Name}: {r.Route}"));
        Assert.True(routes.Count > 3, "FunctionApp has API functions besides the monitor's.");
    }
}
