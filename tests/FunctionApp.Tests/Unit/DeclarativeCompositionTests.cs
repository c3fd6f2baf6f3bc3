using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.Http;
using SagaFunctions.Sagas.Declarative;

namespace SagaFunctions.FunctionApp.Tests.Unit;

/// <summary>FunctionApp reads the declarative definitions at composition, as Standalone does: served when valid, fatal when not.</summary>
public sealed class DeclarativeCompositionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fa-definitions-" + Guid.NewGuid().ToString("N"));

    public DeclarativeCompositionTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IConfiguration Config(string? definitionsPath) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [DeclarativeSagas.PathSetting] = definitionsPath })
        .Build();

    [Fact]
    public void AddSagaHttpContract_DefaultFolder_ServesTheShippedOrderFulfillment()
    {
        using var provider = new ServiceCollection().AddSagaHttpContract(Config(null)).BuildServiceProvider();

        var saga = provider.GetRequiredService<SagaRegistry>().FindByRoute("order-fulfillment");

        Assert.NotNull(saga);
        Assert.Equal(nameof(DeclarativeSaga), saga.OrchestratorName);
        Assert.Contains(FunctionAppFunctionsNames(), n => n == saga.OrchestratorName);
    }

    [Fact]
    public void AddSagaHttpContract_InvalidFile_ThrowsNamingTheFileAndThePath()
    {
        File.WriteAllText(Path.Combine(_folder, "broken.json"), """{"name":"broken","description":"d","input":{"a":{"type":"id"}},"steps":[]}""");

        var error = Assert.Throws<InvalidDefinitionException>(() => new ServiceCollection().AddSagaHttpContract(Config(_folder)));

        Assert.Contains("broken.json: $.steps: is required: an array of at least one step.", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<string> FunctionAppFunctionsNames() => RealEngine.FunctionAppFunctions.Orchestrators.Select(o => o.Name);
}
