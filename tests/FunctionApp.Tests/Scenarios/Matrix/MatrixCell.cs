using System.Globalization;
using System.Text;
using System.Text.Json;
using SagaFunctions.Participants.Client;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>What one matrix cell left behind: the saga view, which operations ran, dead letters, participants.</summary>
internal sealed record MatrixCell(JsonElement View, string RuntimeStatus, string? Status, Dictionary<string, long> Triggered, int DeadLetters, ParticipantState State)
{
    /// <summary>A probe's latency: 1 ms on every operation, to learn which operations a run triggered.</summary>
    private const int ProbeMs = 1;

    /// <summary>
    /// Standalone's configuration for a cell: participants in memory (a cell needs no durability, and fsyncs are most of
    /// a fresh engine's cost); with <paramref name="shortCallTimeout"/> (cells with a latency fault) the participant call
    /// timeout is <see cref="MatrixFault.CallTimeout"/>, otherwise the default, so that a slow machine cannot turn a
    /// call into a timeout and move another cell's outcome.
    /// </summary>
    public static Dictionary<string, string?> EmbeddedSettings(bool shortCallTimeout)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["Participants:InMemory"] = "true" };
        if (shortCallTimeout)
        {
            settings[ParticipantClientOptions.SectionName + ":Timeout"] = MatrixFault.CallTimeout.ToString("c", CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary>FunctionApp's app settings for a cell (the participants run beside it, in memory).</summary>
    public static Dictionary<string, string?> DurableSettings(bool shortCallTimeout) =>
        shortCallTimeout
            ? new(StringComparer.Ordinal) { ["Participants__Client__Timeout"] = MatrixFault.CallTimeout.ToString("c", CultureInfo.InvariantCulture) }
            : new(StringComparer.Ordinal);

    /// <summary>The participants of a fresh engine (seed data): what a failed saga must leave behind.</summary>
    public static ParticipantState? Seed { get; private set; }

    public string Outcome
    {
        get
        {
            if (Status is null)
            {
                return RuntimeStatus;
            }

            var compensations = View.GetProperty("output").TryGetProperty("compensations", out var c) ? c.GetArrayLength() : 0;
            return $"{Status} ({View.GetProperty("phase").GetString()}; {compensations} compensated{(DeadLetters > 0 ? $"; {DeadLetters} dead letter" : string.Empty)})";
        }
    }

    /// <summary>
    /// Runs <paramref name="saga"/> on a fresh engine from <paramref name="start"/> (told whether the cell needs the short
    /// call timeout) with probes on every operation and <paramref name="faults"/>.
    /// </summary>
    public static async Task<MatrixCell> RunAsync(Func<bool, Task<ISagaEngine>> start, string saga, IReadOnlyList<(string Point, MatrixFault Fault)> faults)
    {
        await using var engine = await start(faults.Any(f => f.Fault.Mode == "latency"));
        var run = new SagaRun(engine);
        Seed ??= await StateAsync(engine);
        foreach (var (service, operations) in Participants.Client.ParticipantCatalog.Operations)
        {
            foreach (var operation in operations)
            {
                await run.PostAsync("/participants/faults", new { service, operation, mode = "latency", latencyMs = ProbeMs }, 201);
            }
        }

        foreach (var (point, fault) in faults)
        {
            await run.PostAsync("/participants/faults", fault.Request(point.Split('/')[0], point.Split('/')[1]), 201);
        }

        await SagaDriver.RunAsync(engine, saga, BadInputCorpus.ValidBodies[saga]);
        return await ReadAsync(engine, saga);
    }

    /// <summary>Reads the cell's result from an engine whose saga has run (or stopped trying).</summary>
    public static async Task<MatrixCell> ReadAsync(ISagaEngine engine, string saga)
    {
        var view = (await engine.SendAsync(HttpMethod.Get, $"/api/sagas/{saga}/{SagaDriver.InstanceId}")).Json;
        var triggered = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var rule in (await engine.SendAsync(HttpMethod.Get, "/participants/faults")).Json.EnumerateArray())
        {
            if (rule.GetProperty("mode").GetString() == "latency" && rule.GetProperty("latencyMs").GetInt32() == ProbeMs && rule.GetProperty("triggered").GetInt64() > 0)
            {
                triggered[$"{rule.GetProperty("service").GetString()}/{rule.GetProperty("operation").GetString()}"] = rule.GetProperty("triggered").GetInt64();
            }
        }

        var deadLetters = (await engine.SendAsync(HttpMethod.Get, "/api/dead-letters")).Json;
        var deadLetterCount = (deadLetters.ValueKind == JsonValueKind.Array ? deadLetters : deadLetters.GetProperty("items"))
            .EnumerateArray().Count(d => d.GetProperty("instanceId").GetString() == SagaDriver.InstanceId);
        var output = view.TryGetProperty("output", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
        var status = output.ValueKind == JsonValueKind.Object && output.TryGetProperty("status", out var s) ? s.GetString() : null;
        return new MatrixCell(view, view.GetProperty("runtimeStatus").GetString()!, status, triggered, deadLetterCount, await StateAsync(engine));
    }

    /// <summary>Balances, stock and seats: what money conservation and "back where they started" are checked on.</summary>
    public static async Task<ParticipantState> StateAsync(ISagaEngine engine)
    {
        var accounts = (await engine.SendAsync(HttpMethod.Get, "/participants/accounts")).Json;
        var text = new StringBuilder(accounts.GetRawText());
        foreach (var sku in new[] { "ITEM-001", "ITEM-002", "ITEM-003" })
        {
            text.Append(' ').Append((await engine.SendAsync(HttpMethod.Get, $"/participants/inventory/{sku}")).Body);
        }

        foreach (var seat in (await engine.SendAsync(HttpMethod.Get, "/participants/seats/EVT-001")).Json.GetProperty("seats").EnumerateArray())
        {
            text.Append(' ').Append(seat.GetProperty("seatId").GetString()).Append('=').Append(seat.GetProperty("state").GetString());
        }

        var total = accounts.EnumerateArray().Sum(a => a.GetProperty("balance").GetDecimal());
        return new ParticipantState(text.ToString(), total);
    }
}
