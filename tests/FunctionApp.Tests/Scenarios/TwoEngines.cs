namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>Runs a scenario on both engines, each fresh (its own participants, data and engine), and compares what they saw.</summary>
internal static class TwoEngines
{
    public static async Task RunAsync(Scenario scenario)
    {
        var embedded = await RunOnAsync(await EmbeddedEngine.StartAsync(), scenario);
        var durable = await RunOnAsync(await DurableEngine.StartAsync(), scenario);
        for (var i = 0; i < Math.Max(embedded.Count, durable.Count); i++)
        {
            var left = i < embedded.Count ? embedded[i] : "(nothing)";
            var right = i < durable.Count ? durable[i] : "(nothing)";
            if (left != right)
            {
                var at = Enumerable.Range(0, Math.Min(left.Length, right.Length)).FirstOrDefault(c => left[c] != right[c], Math.Min(left.Length, right.Length));
                var from = Math.Max(0, at - 120);
                Assert.Fail($"{scenario.Name}: the engines disagree at observation {i}, character {at}:\n embedded: …{left[from..Math.Min(left.Length, at + 200)]}\n durable:  …{right[from..Math.Min(right.Length, at + 200)]}");
            }
        }
    }

    private static async Task<IReadOnlyList<string>> RunOnAsync(ISagaEngine engine, Scenario scenario)
    {
        await using (engine)
        {
            var run = new SagaRun(engine);
            await scenario.Script(run);
            return run.Observations;
        }
    }
}
