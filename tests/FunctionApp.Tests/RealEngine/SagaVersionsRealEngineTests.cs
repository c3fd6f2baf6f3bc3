using System.Text.Json;
using SagaFunctions.Tests.Shared.Versioning;

namespace SagaFunctions.FunctionApp.Tests.RealEngine;

/// <summary>
/// Versioned sagas in flight on the real Durable Task engine: the version goes on <c>StartOrchestrationOptions.Version</c>,
/// the orchestrator dispatches on <c>TaskOrchestrationContext.Version</c>, and the worker applies host.json's
/// <c>versionMatchStrategy</c>/<c>versionFailureStrategy</c> with the deployment's version. A v1 instance waiting for its
/// event keeps v1's steps after v2 is deployed beside it; new starts run v2; <c>?version=1</c> runs v1; an unknown
/// version is a 400 naming <c>version</c>; a v1 instance left after v1 is removed fails naming saga and version.
/// </summary>
public sealed class SagaVersionsRealEngineTests
{
    private const string Body = """{"parcelId":"P-1"}""";

    [Fact]
    public async Task Deploy_V2BesideV1_InFlightV1RunsV1StepsAndNewStartsRunV2()
    {
        await using var host = await VersionedDurableHost.StartAsync();
        await host.DeployAsync("1");
        Assert.Equal(202, (await host.StartAsync("old", string.Empty, Body)).Status);
        var waiting = await host.WaitForAsync("old", IsWaiting);
        Assert.Equal("1", waiting.GetProperty("version").GetString());
        Assert.Equal(ParcelSaga.ReleaseEvent, waiting.GetProperty("progress").GetProperty("waitingFor").GetString());

        await host.DeployAsync("1", "2");
        Assert.Equal(202, (await host.StartAsync("new", string.Empty, Body)).Status);
        Assert.Equal(202, (await host.StartAsync("pinned", "?version=1", Body)).Status);
        await host.WaitForAsync("new", IsWaiting);
        await host.WaitForAsync("pinned", IsWaiting);
        foreach (var id in new[] { "old", "new", "pinned" })
        {
            Assert.Equal(202, (await host.RaiseAsync(id, ParcelSaga.ReleaseEvent)).Status);
        }

        await AssertRanAsync(host, "old", "1", ["Pack", "Ship"]);
        await AssertRanAsync(host, "new", "2", ["Pack", "Weigh", "Label", "Ship"]);
        await AssertRanAsync(host, "pinned", "1", ["Pack", "Ship"]);

        var v1 = (await host.ListAsync("?version=1")).Body;
        Assert.Equal(["old", "pinned"], v1.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()).Order());
    }

    [Fact]
    public async Task Deploy_WithoutV1_InFlightV1InstanceFailsNamingSagaAndVersion()
    {
        await using var host = await VersionedDurableHost.StartAsync();
        await host.DeployAsync("1");
        Assert.Equal(202, (await host.StartAsync("orphan", string.Empty, Body)).Status);
        await host.WaitForAsync("orphan", IsWaiting);

        await host.DeployAsync("2");
        Assert.Equal(202, (await host.RaiseAsync("orphan", ParcelSaga.ReleaseEvent)).Status);

        var view = await host.WaitForAsync("orphan", v => v.GetProperty("runtimeStatus").GetString() != "Running");
        Assert.Equal(("Failed", "1", "failed"), (view.GetProperty("runtimeStatus").GetString(), view.GetProperty("version").GetString(), view.GetProperty("phase").GetString()));
        var error = view.GetProperty("errors")[0];
        Assert.Equal("version_not_registered", error.GetProperty("kind").GetString());
        Assert.StartsWith("Saga 'parcel' version '1' is not registered (registered: 2)", error.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Durable Task itself reports the failure as the non-determinism it meets next in the history (v1's 'Pack').
        Assert.Contains("'Pack'", view.GetProperty("failure").GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownVersion_Returns400NamingVersionAndStartsNothing()
    {
        await using var host = await VersionedDurableHost.StartAsync();
        await host.DeployAsync("1", "2");
        var (status, problem) = await host.StartAsync("bad", "?version=3", Body);
        Assert.Equal(400, status);
        Assert.Equal("Saga 'parcel' has no version '3'. Registered versions: 2, 1.", problem.GetProperty("errors").GetProperty("version")[0].GetString());
        Assert.Null(await host.Client.GetInstanceAsync("bad"));
    }

    private static async Task AssertRanAsync(VersionedDurableHost host, string id, string version, string[] steps)
    {
        var view = await host.WaitForAsync(id, v => v.GetProperty("runtimeStatus").GetString() != "Running");
        Assert.Equal(("Completed", version), (view.GetProperty("runtimeStatus").GetString(), view.GetProperty("version").GetString()));
        var output = view.GetProperty("output");
        Assert.Equal(version, Property(output, "ranVersion").GetString());
        Assert.Equal(steps, Property(output, "steps").EnumerateArray().Select(s => s.GetString()));
    }

    private static bool IsWaiting(JsonElement view) =>
        view.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress
        && progress.TryGetProperty("waitingFor", out var waitingFor)
        && waitingFor.GetString() == ParcelSaga.ReleaseEvent;

    /// <summary>The output's property, whatever casing the engine's data converter wrote it in.</summary>
    private static JsonElement Property(JsonElement element, string name) =>
        element.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
