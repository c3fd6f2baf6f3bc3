using SagaFunctions.FunctionApp.Tests.RealEngine;
using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.FunctionApp.Tests.Unit;

/// <summary>FunctionApp's Durable functions are held against the saga catalog: one function per entry, same name and input type, nothing extra.</summary>
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
}
