using System.Text.Json;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// One scenario of the two-engine table: a script written once against <see cref="SagaRun"/>, run on the embedded
/// runtime and on the real Durable Task engine. The script asserts the saga's outcome on each engine; the runner then
/// asserts that both engines observed exactly the same answers (after <see cref="Normalizer"/>).
/// </summary>
internal sealed record Scenario(string Name, Func<SagaRun, Task> Script)
{
    public override string ToString() => Name;
}

/// <summary>Shorthands the scenario scripts share.</summary>
internal static class ScenarioSteps
{
    /// <summary>Adds a fault on a participant operation (<c>POST /participants/faults</c>).</summary>
    public static Task FaultAsync(this SagaRun run, string service, string operation, string mode = "permanent", int? count = null, string? key = null) =>
        run.PostAsync("/participants/faults", new { service, operation, mode, count, key }, 201);

    public static async Task ClearFaultsAsync(this SagaRun run)
    {
        var answer = await run.SendAsync(HttpMethod.Delete, "/participants/faults");
        Assert.True(answer.Status is 200 or 204, $"{run.Engine.Name}: clearing faults answered {answer}");
    }

    /// <summary>Starts, runs to the end, asserts the output's <c>status</c> and compensations (in order); returns the output.</summary>
    public static async Task<JsonElement> RunAsync(this SagaRun run, string saga, string id, object request, string status, params string[] compensations)
    {
        await run.StartAsync(saga, id, request);
        return await run.EndsAsync(saga, id, status, compensations);
    }

    /// <summary>Runs an already started saga to the end and asserts its status and compensations.</summary>
    public static async Task<JsonElement> EndsAsync(this SagaRun run, string saga, string id, string status, params string[] compensations)
    {
        var output = await run.OutputAsync(saga, id);
        Assert.True(output.GetProperty("status").GetString() == status, $"{run.Engine.Name}: {id} ended '{output.GetProperty("status")}', expected '{status}': {output}");
        Assert.Equal(compensations, Compensations(output));
        return output;
    }

    public static string[] Compensations(JsonElement output) =>
        [.. output.GetProperty("compensations").EnumerateArray().Select(c => c.GetProperty("activity").GetString()!)];

    public static string[] Warnings(JsonElement output) =>
        [.. output.GetProperty("warnings").EnumerateArray().Select(w => w.ToString())];

    public static string[] DeadLetters(JsonElement output) =>
        [.. output.GetProperty("deadLetters").EnumerateArray().Select(d => d.GetString()!)];

    /// <summary>Reads an account, observed; returns its balance.</summary>
    public static async Task<decimal> BalanceAsync(this SagaRun run, string account) =>
        (await run.ReadAsync($"/participants/accounts/{account}")).GetProperty("balance").GetDecimal();

    /// <summary>Reads a SKU, observed; returns (stock, reserved).</summary>
    public static async Task<(int Stock, int Reserved)> StockAsync(this SagaRun run, string sku)
    {
        var json = await run.ReadAsync($"/participants/inventory/{sku}");
        return (json.GetProperty("stock").GetInt32(), json.GetProperty("reserved").GetInt32());
    }

    /// <summary>Retries a dead letter and lets time pass until the retry has settled; returns the record.</summary>
    public static async Task<JsonElement> RetryDeadLetterAsync(this SagaRun run, string id, string expectedStatus)
    {
        await run.PostAsync($"/api/dead-letters/{Uri.EscapeDataString(id)}/retry", new { }, 202);
        for (var i = 0; i < 60; i++)
        {
            var record = (await run.Engine.SendAsync(HttpMethod.Get, $"/api/dead-letters/{Uri.EscapeDataString(id)}")).Json;
            if (record.GetProperty("status").GetString() is "resolved" or "retry_failed")
            {
                var final = await run.GetAsync($"/api/dead-letters/{Uri.EscapeDataString(id)}");
                Assert.Equal(expectedStatus, final.Json.GetProperty("status").GetString());
                return final.Json;
            }

            await run.Engine.AdvanceAsync();
        }

        Assert.Fail($"{run.Engine.Name}: dead letter {id} was still retrying.");
        return default;
    }
}
