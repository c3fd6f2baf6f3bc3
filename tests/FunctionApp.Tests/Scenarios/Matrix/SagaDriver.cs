using System.Text.Json;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// Drives one saga instance to its end the way an operator would: starts it (a repeated start of the same id runs
/// nothing new, so a restarted process can call this again), then until it is terminal: lets the engine go idle, raises
/// the event it waits for (<c>payment</c>, <c>approval</c>; once per process) and lets virtual time pass. Also linked into
/// <c>tests/Standalone.CrashHost</c>, so the child the crash matrix kills drives the saga exactly as the recovery does.
/// </summary>
internal static class SagaDriver
{
    public const string InstanceId = "matrix-1";

    /// <summary>Runs <paramref name="saga"/> with the start <paramref name="body"/>; returns the last saga view.</summary>
    public static async Task<JsonElement> RunAsync(ISagaEngine engine, string saga, string body, int maxRounds = 400)
    {
        await engine.SendAsync(HttpMethod.Post, $"/api/sagas/{saga}/{InstanceId}", body);
        JsonElement view = default;
        var raised = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < maxRounds; i++)
        {
            await engine.IdleAsync();
            view = (await engine.SendAsync(HttpMethod.Get, $"/api/sagas/{saga}/{InstanceId}")).Json;
            if (IsTerminal(view))
            {
                break;
            }

            if (view.GetProperty("waitingFor") is { ValueKind: JsonValueKind.Object } waiting && raised.Add(waiting.GetProperty("event").GetString()!))
            {
                var name = waiting.GetProperty("event").GetString()!;
                var payload = name == "payment" ? """{"succeeded":true,"paymentId":"PAY-MATRIX"}""" : """{"approved":true,"approver":"matrix"}""";
                await engine.SendAsync(HttpMethod.Post, $"/api/sagas/{saga}/{InstanceId}/events/{name}", payload);
                continue;
            }

            await engine.AdvanceAsync();
        }

        return view;
    }

    public static bool IsTerminal(JsonElement view) =>
        view.ValueKind == JsonValueKind.Object && view.TryGetProperty("runtimeStatus", out var status)
        && status.GetString() is "Completed" or "Failed" or "Terminated";
}
