using SagaFunctions.Http;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.Standalone.Tests.Composition;

/// <summary>
/// The dependency rule of docs/architecture.md ("Layers"): the shared HTTP contract depends on the kernel (with its
/// declarations) and the participant clients, never on the reference sagas; the sagas never on HTTP; the hosts add both.
/// </summary>
public sealed class LayeringTests
{
    [Fact]
    public void HttpAssembly_ReferencesTheKernelButNotTheReferenceSagas()
    {
        var references = References(typeof(SagaApi));

        Assert.Contains("SagaFunctions.Kernel", references);
        Assert.DoesNotContain("SagaFunctions.Sagas", references);
        Assert.DoesNotContain("SagaFunctions.Runtime", references);
    }

    [Fact]
    public void SagasAssembly_ReferencesNeitherHttpNorAnEngine()
    {
        var references = References(typeof(SagaCatalog));

        Assert.Contains("SagaFunctions.Kernel", references);
        Assert.DoesNotContain(references, name => name is "SagaFunctions.Http" or "SagaFunctions.Runtime"
            || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal));
    }

    [Fact]
    public void KernelAssembly_ReferencesNoOtherProjectAssembly()
    {
        Assert.DoesNotContain(References(typeof(Saga)), name => name.StartsWith("SagaFunctions", StringComparison.Ordinal));
    }

    private static List<string> References(Type type) => [.. type.Assembly.GetReferencedAssemblies().Select(a => a.Name!)];
}
