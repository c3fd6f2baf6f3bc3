using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.FunctionApp.Api;
using SagaFunctions.FunctionApp.Tests.RealEngine;
using SagaFunctions.FunctionApp.Tests.Scenarios;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.FunctionApp.Tests.Unit;

/// <summary>
/// FunctionApp's Durable functions are held against the saga declarations (one function per declared orchestrator and
/// activity, same name, input and output types, nothing extra), and its HTTP functions against the contract's URLs (the API under <c>/api</c>, the monitor at <c>/monitor</c>).
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
    public void Activities_EveryCatalogActivity_HasExactlyOneFunctionOfTheSameNameInputAndOutputType()
    {
        Assert.Equal(
            SagaCatalog.Activities.Select(a => $"{a.Name}({Describe(a.InputType)}) -> {Describe(a.OutputType)}").Order(StringComparer.Ordinal),
            FunctionAppFunctions.Activities.Select(f => $"{f.Name}({Describe(f.Trigger.ParameterType)}) -> {Describe(f.OutputType)}").Order(StringComparer.Ordinal));
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

    /// <summary>A type with its generic arguments (<c>StepInput`1[ChargeRequest]</c>), so two closed generics differ.</summary>
    private static string Describe(Type type) =>
        type.IsGenericType ? $"{type.Name}[{string.Join(", ", type.GetGenericArguments().Select(Describe))}]" : type.Name;
}
