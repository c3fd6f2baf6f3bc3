using System.Globalization;
using SagaFunctions.Kernel;

namespace SagaFunctions.Runtime.CrashHost;

/// <summary>
/// Usage: <c>CrashHost &lt;runtime.db&gt; &lt;effects.db&gt; &lt;sagas&gt; &lt;leaseMs&gt;</c>. Starts sagas s0..s(n-1) (a repeated
/// start is a no-op), prints <c>commit N</c> after every commit and <c>started-all</c> once every start returned, waits for all of them and prints <c>all-completed</c>.
/// The test SIGKILLs it at some commit and runs it again on the same files.
/// </summary>
internal static class CrashHostProgram
{
    private static readonly string[] Steps = ["charge", "reserve", "ship", "email"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 4)
        {
            await Console.Error.WriteLineAsync("usage: CrashHost <runtime.db> <effects.db> <sagas> <leaseMs>").ConfigureAwait(false);
            return 2;
        }

        var sagas = int.Parse(args[2], CultureInfo.InvariantCulture);
        var lease = TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture));
        using var effects = new EffectsStore(args[1]);
        var hooks = new FaultHooks { OnCommitted = point => Console.WriteLine($"commit {point}") };
        await using var runtime = new DurableRuntimeBuilder()
            .UseSqlite(args[0])
            .Configure(o => o.ActivityLease = lease)
            .AddFaultHooks(hooks)
            .AddOrchestrator("CrashOrder", OrderAsync)
            .AddActivity<string, string>("Apply", effects.ApplyAsync)
            .Build();
        await runtime.StartAsync().ConfigureAwait(false);

        var ids = Enumerable.Range(0, sagas).Select(i => "s" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var id in ids)
        {
            await runtime.Client.StartAsync("CrashOrder", id, id).ConfigureAwait(false);
        }

        Console.WriteLine("started-all");
        foreach (var id in ids)
        {
            var status = await runtime.Client.WaitForCompletionAsync(id).ConfigureAwait(false);
            if (status.RuntimeStatus != OrchestrationStatus.Completed)
            {
                Console.WriteLine($"failed {id} {status.RuntimeStatus} {status.FailureDetails}");
                return 1;
            }
        }

        Console.WriteLine("all-completed");
        return 0;
    }

    private static async Task<object?> OrderAsync(IOrchestrationContext context)
    {
        var results = new List<string>();
        for (var i = 0; i < Steps.Length; i++)
        {
            if (i == 2)
            {
                // A durable timer in the middle, so kills also land while timers are pending.
                await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(300), CancellationToken.None);
            }

            results.Add(await context.CallActivityAsync<string>("Apply", $"{context.InstanceId}:{Steps[i]}"));
        }

        return results.Count;
    }
}
