using SagaFunctions.Kernel;
using SagaFunctions.Runtime;

namespace SagaFunctions.Benchmarks;

/// <summary>The measured workflows: trivial in-process activity bodies, so the runtime's own cost is what shows.</summary>
internal static class BenchmarkWorkflows
{
    public const string Order = "Order";
    public const string FanOut = "FanOut";
    public const string Sequence = "Sequence";
    public const string Step = "Step";
    public const string Hold = "Hold";
    public const string PaymentEvent = "payment";

    public static DurableRuntimeBuilder AddWorkflows(this DurableRuntimeBuilder builder) => builder
        .AddOrchestrator(Order, OrderAsync)
        .AddOrchestrator(FanOut, FanOutAsync)
        .AddOrchestrator(Sequence, SequenceAsync)
        .AddOrchestrator(Hold, HoldAsync)
        .AddActivity<int, int>(Step, static (x, _) => Task.FromResult(x + 1));

    /// <summary>Order-shaped: four sequential activities (charge, reserve, ship, email).</summary>
    private static async Task<object?> OrderAsync(IOrchestrationContext context)
    {
        var value = context.GetInput<int>();
        value = await context.CallActivityAsync<int>(Step, value);
        value = await context.CallActivityAsync<int>(Step, value);
        value = await context.CallActivityAsync<int>(Step, value);
        value = await context.CallActivityAsync<int>(Step, value);
        return value;
    }

    /// <summary>1 → 100 → 1: one hundred activities in parallel, then a sum.</summary>
    private static async Task<object?> FanOutAsync(IOrchestrationContext context)
    {
        var tasks = new Task<int>[100];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = context.CallActivityAsync<int>(Step, i);
        }

        var results = await Task.WhenAll(tasks);
        return results.Sum();
    }

    /// <summary>A ticketing hold: waits for the payment event or its 15-minute timer, whichever comes first.</summary>
    private static async Task<object?> HoldAsync(IOrchestrationContext context)
    {
        using var loser = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(15), loser.Token);
        var paid = context.WaitForExternalEvent<int>(PaymentEvent, loser.Token);
        var winner = await Task.WhenAny(paid, timer);
        await loser.CancelAsync();
        return winner == paid ? "paid" : "expired";
    }

    /// <summary>N sequential steps in one history.</summary>
    private static async Task<object?> SequenceAsync(IOrchestrationContext context)
    {
        var steps = context.GetInput<int>();
        var value = 0;
        for (var i = 0; i < steps; i++)
        {
            value = await context.CallActivityAsync<int>(Step, value);
        }

        return value;
    }
}
