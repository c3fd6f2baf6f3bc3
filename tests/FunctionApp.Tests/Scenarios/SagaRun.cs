using System.Text.Json;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// A scenario's view of one engine: start, raise, cancel, run to the end, read participants, and an observation log.
/// Everything a scenario observes is recorded; the two engines' logs must be equal once ids, times and host URLs are
/// normalized (<see cref="Normalizer"/>).
/// </summary>
internal sealed class SagaRun(ISagaEngine engine)
{
    private readonly List<string> _observations = [];

    public ISagaEngine Engine => engine;

    public IReadOnlyList<string> Observations => _observations;

    /// <summary>
    /// Whether a finished saga's view is observed whole. Off for parallel groups, whose branches (and compensations)
    /// finish in an order neither engine promises; those scenarios observe order-free facts instead.
    /// </summary>
    public bool ObserveFinalView { get; set; } = true;

    /// <summary>Starts <paramref name="saga"/> as <paramref name="instanceId"/>; asserts 202 unless told otherwise.</summary>
    public async Task<HttpAnswer> StartAsync(string saga, string instanceId, object request, int expectedStatus = 202)
    {
        var answer = await SendAsync(HttpMethod.Post, $"/api/sagas/{saga}/{Uri.EscapeDataString(instanceId)}", JsonSerializer.Serialize(request, ScenarioJson.Options));
        Assert.True(answer.Status == expectedStatus, $"{engine.Name}: start {saga}/{instanceId} answered {answer}");
        await engine.IdleAsync();
        return answer;
    }

    public async Task<HttpAnswer> RaiseAsync(string saga, string instanceId, string eventName, object payload, int expectedStatus = 202)
    {
        var answer = await SendAsync(HttpMethod.Post, $"/api/sagas/{saga}/{Uri.EscapeDataString(instanceId)}/events/{eventName}", JsonSerializer.Serialize(payload, ScenarioJson.Options));
        Assert.True(answer.Status == expectedStatus, $"{engine.Name}: event {eventName} answered {answer}");
        await engine.IdleAsync();
        return answer;
    }

    public async Task<HttpAnswer> PostAsync(string path, object? body = null, int? expectedStatus = null)
    {
        var answer = await SendAsync(HttpMethod.Post, path, body is null ? "{}" : JsonSerializer.Serialize(body, ScenarioJson.Options));
        Assert.True(expectedStatus is null || answer.Status == expectedStatus, $"{engine.Name}: POST {path} answered {answer}");
        await engine.IdleAsync();
        return answer;
    }

    public Task<HttpAnswer> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Lets virtual time pass until the instance has finished; returns its saga view (also observed).</summary>
    public async Task<JsonElement> RunToEndAsync(string saga, string instanceId, int maxTimers = 400)
    {
        var idleWithoutTimers = 0;
        for (var i = 0; i < maxTimers; i++)
        {
            await engine.IdleAsync();
            // Intermediate views are not observed: how many timers fire per step of time is the engines' own business.
            var path = $"/api/sagas/{saga}/{Uri.EscapeDataString(instanceId)}";
            var view = await engine.SendAsync(HttpMethod.Get, path);
            Assert.True(view.Status == 200, $"{engine.Name}: view of {instanceId} answered {view}");
            if (view.Json.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated")
            {
                return ObserveFinalView ? (await GetAsync(path)).Json : view.Json;
            }

            if (!await engine.AdvanceAsync())
            {
                // Nothing to fire: either the engine is still busy (a quiet spell is only a heuristic under load) or the
                // saga truly waits for nothing; give it a while before calling it stuck.
                Assert.True(++idleWithoutTimers < 100, $"{engine.Name}: {instanceId} waits but no timer is pending: {view.Body}");
                await Task.Delay(50);
            }
        }

        Assert.Fail($"{engine.Name}: {instanceId} did not finish after {maxTimers} timers.");
        return default;
    }

    /// <summary>The saga's output (its <c>output</c> object), after running it to the end.</summary>
    public async Task<JsonElement> OutputAsync(string saga, string instanceId)
    {
        var view = await RunToEndAsync(saga, instanceId);
        Assert.True(view.GetProperty("runtimeStatus").GetString() == "Completed", $"{engine.Name}: {instanceId} ended {view}");
        return view.GetProperty("output");
    }

    /// <summary>A participant read (<c>/participants/...</c>) as JSON, observed.</summary>
    public async Task<JsonElement> ReadAsync(string path)
    {
        var answer = await GetAsync(path);
        Assert.True(answer.Status == 200, $"{engine.Name}: GET {path} answered {answer}");
        return answer.Json;
    }

    public async Task<HttpAnswer> SendAsync(HttpMethod method, string path, string? body = null)
    {
        var answer = await engine.SendAsync(method, path, body);
        _observations.Add(Normalizer.Normalize($"{method} {path} -> {answer.Status} {answer.Body}"));
        return answer;
    }

    /// <summary>Adds a value to the log (already normalized by the caller or stable across engines).</summary>
    public void Observe(string what, object? value) =>
        _observations.Add($"{what}: {Normalizer.Normalize(value is JsonElement e ? e.GetRawText() : JsonSerializer.Serialize(value, ScenarioJson.Options))}");
}

internal static class ScenarioJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
