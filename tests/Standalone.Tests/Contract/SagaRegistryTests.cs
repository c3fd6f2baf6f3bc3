using SagaFunctions.Http;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Standalone.Tests.Contract;

/// <summary>The registry groups the versions of a saga by route: the newest serves the route, each version can be found.</summary>
public class SagaRegistryTests
{
    private static readonly SagaRegistry Registry = new([Saga("order", "Order", "1"), Saga("order", "Order", "2"), Saga("ticketing", "Ticketing", "1")]);

    [Fact]
    public void Sagas_TwoVersionsOfOneRoute_ListedOnceAsTheNewest()
    {
        Assert.Equal(["order 2", "ticketing 1"], Registry.Sagas.Select(s => $"{s.Route} {s.Version}"));
        Assert.Equal("2", Registry.FindByRoute("ORDER")!.Version);
        Assert.Equal("2", Registry.FindByOrchestrator("Order")!.Version);
    }

    [Fact]
    public void FindVersion_RegisteredOrNot_TheVersionOrNull()
    {
        Assert.Equal("1", Registry.FindVersion("order", "1")!.Version);
        Assert.Null(Registry.FindVersion("order", "3"));
        Assert.Null(Registry.FindVersion("nope", "1"));
        Assert.Equal(["2", "1"], Registry.Versions("order").Select(v => v.Version));
    }

    [Fact]
    public void Constructor_VersionsNamingDifferentOrchestrators_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new SagaRegistry([Saga("order", "Order", "1"), Saga("order", "OrderV2", "2")]));
        Assert.Contains("name different orchestrators", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OneOrchestratorOnTwoRoutes_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new SagaRegistry([Saga("order", "Order", "1"), Saga("purchase", "Order", "1")]));
        Assert.Contains("Orchestrator 'Order' is registered twice", error.Message, StringComparison.Ordinal);
    }

    private static SagaDeclaration Saga(string route, string orchestrator, string version) =>
        new(route, orchestrator, typeof(object), [], _ => Task.FromResult<object?>(null)) { Version = version };
}
