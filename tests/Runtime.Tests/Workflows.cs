using SagaFunctions.Kernel;

namespace SagaFunctions.Runtime.Tests;

/// <summary>The shared order workflow: four sequential activities.</summary>
internal static class Workflows
{
    public const string Order = "Order";
    public const string Step = "Step";

    /// <summary>Four sequential activities; returns the joined results.</summary>
    public static async Task<object?> OrderAsync(IOrchestrationContext context)
    {
        var input = context.GetInput<OrderInput>()!;
        var results = new List<string>();
        foreach (var step in new[] { "charge", "reserve", "ship", "email" })
        {
            results.Add(await context.CallActivityAsync<string>(Step, $"{step}:{input.OrderId}"));
        }

        return string.Join(",", results);
    }

    public static DurableRuntimeBuilder AddOrder(this DurableRuntimeBuilder builder) => builder
        .AddOrchestrator(Order, OrderAsync)
        .AddActivity<string, string>(Step, (s, _) => Task.FromResult(s.ToUpperInvariant()));
}
