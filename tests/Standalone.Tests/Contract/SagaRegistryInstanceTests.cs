using SagaFunctions.Http;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Standalone.Tests.Contract;

/// <summary>The rule that maps an instance to its route, including routes that share one orchestrator.</summary>
public class SagaRegistryInstanceTests
{
    private static SagaDeclaration Shared(string route) =>
        new(route, "Generic", typeof(object), [], _ => Task.FromResult<object?>(null)) { SharesOrchestrator = true };

    private static readonly SagaRegistry Registry = new([
        new SagaDeclaration("order", "OrderSaga", typeof(object), [], _ => Task.FromResult<object?>(null)),
        Shared("alpha"),
        Shared("beta"),
    ]);

    private static SagaInstance Instance(string name, string? input) =>
        new("i-1", name, "Completed", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, input, null, null, null, null);

    [Theory]
    [InlineData("OrderSaga", null, "order")]
    [InlineData("Generic", """{"saga":"beta","input":{"x":1}}""", "beta")]
    [InlineData("Generic", """{"saga":"BETA"}""", "beta")]
    [InlineData("Generic", """{"saga":"order"}""", null)]
    [InlineData("Generic", """{"saga":"gamma"}""", null)]
    [InlineData("Generic", """{"input":{}}""", null)]
    [InlineData("Generic", "not json", null)]
    [InlineData("RetryDeadLetter", "\"dl-1\"", null)]
    public void FindByInstance_OwnOrSharedOrchestrator_FindsTheRouteByTheRule(string orchestrator, string? input, string? route) =>
        Assert.Equal(route, Registry.FindByInstance(Instance(orchestrator, input))?.Route);

    [Fact]
    public void AsRequested_SharedOrchestrator_ShowsTheStartRequestAsInput()
    {
        var shown = Registry.AsRequested(Instance("Generic", """{"saga":"alpha","version":"1","input":{"orderId":"O-1"},"definition":{}}"""));

        Assert.Equal("""{"orderId":"O-1"}""", shown.SerializedInput);
    }

    [Fact]
    public void AsRequested_OwnOrchestrator_KeepsTheInput()
    {
        var instance = Instance("OrderSaga", """{"input":{"a":1}}""");

        Assert.Same(instance, Registry.AsRequested(instance));
    }

    [Fact]
    public void Constructor_OrchestratorSharedAndOwned_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new SagaRegistry([
            Shared("alpha"),
            new SagaDeclaration("order", "Generic", typeof(object), [], _ => Task.FromResult<object?>(null)),
        ]));

        Assert.Contains("'Generic' is registered both as shared and as one saga's own", error.Message, StringComparison.Ordinal);
    }
}
