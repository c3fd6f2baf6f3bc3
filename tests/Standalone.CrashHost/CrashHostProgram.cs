using System.Globalization;
using SagaFunctions.FunctionApp.Tests.Scenarios;
using SagaFunctions.Runtime;

namespace SagaFunctions.Standalone.CrashHost;

/// <summary>
/// Usage: <c>CrashHost &lt;dataDirectory&gt; &lt;saga&gt; &lt;stopAtCommit&gt; &lt;startBody&gt; [key=value ...]</c>. Starts Standalone
/// on the folder (configuration from the <c>key=value</c> pairs, e.g. startup faults), drives the saga's instance
/// <c>matrix-1</c> to its end and prints <c>commits N</c> (the runtime commits of this process) and <c>finished S</c>.
/// With <c>stopAtCommit</c> &gt; 0 the runtime's dispatcher stops dead right after that commit and the process prints
/// <c>stopped-at N</c>: nothing else commits, and the test SIGKILLs it there. A run that finishes the saga with fewer
/// commits stops after its last one (<c>stopped-at N last</c>).
/// </summary>
internal static class CrashHostProgram
{
    public static Task<int> Main(string[] args) => RunAsync(args);

    private static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 4)
        {
            await Console.Error.WriteLineAsync("usage: CrashHost <dataDirectory> <saga> <stopAtCommit> <startBody> [key=value ...]").ConfigureAwait(false);
            return 2;
        }

        var stopAt = int.Parse(args[2], CultureInfo.InvariantCulture);
        var settings = args.Skip(4).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1], StringComparer.Ordinal);
        var commits = 0;
        var hooks = new FaultHooks
        {
            // On the dispatcher thread, after the commit and before anything it scheduled is dispatched.
            OnCommitted = point =>
            {
                Volatile.Write(ref commits, point);
                if (point == stopAt)
                {
                    Console.WriteLine($"stopped-at {point.ToString(CultureInfo.InvariantCulture)}");
                    Thread.Sleep(Timeout.Infinite);
                }
            },
        };

        var engine = await EmbeddedEngine.StartAsync(settings, args[0], hooks).ConfigureAwait(false);
        await using (engine.ConfigureAwait(false))
        {
            var view = await SagaDriver.RunAsync(engine, args[1], args[3]).ConfigureAwait(false);
            if (stopAt > 0)
            {
                // This run committed fewer times than the run that counted the points (retry timers and results can
                // share a commit): it stops after its last commit instead, the saga finished and nothing left to commit.
                Console.WriteLine($"stopped-at {Volatile.Read(ref commits).ToString(CultureInfo.InvariantCulture)} last");
                Thread.Sleep(Timeout.Infinite);
            }

            Console.WriteLine($"commits {Volatile.Read(ref commits).ToString(CultureInfo.InvariantCulture)}");
            Console.WriteLine($"finished {(SagaDriver.IsTerminal(view) ? view.GetProperty("runtimeStatus").GetString() : "no")}");
        }

        return 0;
    }
}
