namespace SagaFunctions.Kernel.Tests;

/// <summary>The kernel stays engine-neutral: no Azure, ASP.NET, HTTP or database dependency (docs/architecture.md, "Layers").</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void KernelAssembly_ReferencesNoAzureAspNetHttpOrDatabaseAssembly()
    {
        var references = typeof(Saga).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Microsoft.Extensions.Logging.Abstractions", references);
        Assert.DoesNotContain(references, name =>
            name.StartsWith("Azure", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Azure", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("System.Net", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Data", StringComparison.Ordinal)
            || name.StartsWith("SagaFunctions", StringComparison.Ordinal));
    }
}
