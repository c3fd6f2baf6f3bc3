using System.Net;
using System.Text.Json;
using SagaFunctions.Runtime;
using SagaFunctions.Standalone.Tests.Support;
using SagaFunctions.Tests.Shared.Versioning;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary>
/// Versioned sagas in flight on the embedded runtime, over HTTP: an instance started on version 1 keeps running version 1's
/// steps after version 2 is deployed beside it (the app restarted over the same data folder), new starts take version 2,
/// <c>?version=1</c> starts version 1, an unknown version is a 400 naming <c>version</c>, and an instance whose version
/// was removed fails with an error naming saga and version.
/// </summary>
public sealed class SagaVersionsEndToEndTests : IDisposable
{
    private const string Body = """{"parcelId":"P-1"}""";
    private readonly TempDirectory _directory = new();
    private readonly VirtualClock _clock = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Deploy_V2BesideV1_InFlightV1RunsV1StepsAndNewStartsRunV2()
    {
        await using (var v1 = await VersionedParcelApp.StartAsync(_directory.Path, _clock, "1"))
        {
            await StartAsync(v1, "old", null);
            await v1.SettleAsync();
            var waiting = await ViewAsync(v1, "old");
            Assert.Equal("1", waiting.GetProperty("version").GetString());
            Assert.Equal(ParcelSaga.ReleaseEvent, waiting.GetProperty("progress").GetProperty("waitingFor").GetString());
        }

        await using var both = await VersionedParcelApp.StartAsync(_directory.Path, _clock, "1", "2");
        await StartAsync(both, "new", null);
        await StartAsync(both, "pinned", "1");
        await both.SettleAsync();
        foreach (var id in new[] { "old", "new", "pinned" })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await both.Client.PostAsync($"/api/sagas/parcel/{id}/events/release", Json("{}"))).StatusCode);
        }

        await both.SettleAsync();
        await AssertRanAsync(both, "old", "1", ["Pack", "Ship"]);
        await AssertRanAsync(both, "new", "2", ["Pack", "Weigh", "Label", "Ship"]);
        await AssertRanAsync(both, "pinned", "1", ["Pack", "Ship"]);

        var v1List = await JsonAsync(await both.Client.GetAsync("/api/sagas?version=1"), HttpStatusCode.OK);
        Assert.Equal(["pinned", "old"], v1List.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
        var v2List = await JsonAsync(await both.Client.GetAsync("/api/sagas/parcel?version=2"), HttpStatusCode.OK);
        var row = Assert.Single(v2List.GetProperty("items").EnumerateArray());
        Assert.Equal(("new", "2"), (row.GetProperty("instanceId").GetString(), row.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Deploy_WithoutV1_InFlightV1InstanceFailsNamingSagaAndVersion()
    {
        await using (var v1 = await VersionedParcelApp.StartAsync(_directory.Path, _clock, "1"))
        {
            await StartAsync(v1, "orphan", null);
            await v1.SettleAsync();
        }

        await using var v2 = await VersionedParcelApp.StartAsync(_directory.Path, _clock, "2");
        Assert.Equal(HttpStatusCode.Accepted, (await v2.Client.PostAsync("/api/sagas/parcel/orphan/events/release", Json("{}"))).StatusCode);
        await v2.SettleAsync();

        var view = await ViewAsync(v2, "orphan");
        Assert.Equal(("Failed", "1"), (view.GetProperty("runtimeStatus").GetString(), view.GetProperty("version").GetString()));
        var message = view.GetProperty("failure").GetProperty("errorMessage").GetString();
        Assert.Contains("Saga 'parcel' version '1' is not registered (registered: 2)", message, StringComparison.Ordinal);
        var error = view.GetProperty("errors")[0];
        Assert.Equal(("version_not_registered", "failed"), (error.GetProperty("kind").GetString(), view.GetProperty("phase").GetString()));
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("?version=3", "Saga 'parcel' has no version '3'. Registered versions: 2, 1.")]
    [InlineData("?version=", "Give one version of saga 'parcel' to start")]
    [InlineData("?version=1&version=2", "Give one version of saga 'parcel' to start")]
    public async Task Start_VersionNotRegistered_Returns400NamingVersionAndStartsNothing(string query, string message)
    {
        await using var app = await VersionedParcelApp.StartAsync(_directory.Path, _clock, "1", "2");
        var problem = await ValidationAsync(await app.Client.PostAsync($"/api/sagas/parcel/bad{query}", Json(Body)), "version");
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("version")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(await app.Runtime.Client.GetStatusAsync("bad"));
    }

    private static async Task StartAsync(VersionedParcelApp app, string id, string? version)
    {
        var query = version is null ? string.Empty : $"?version={version}";
        await JsonAsync(await app.Client.PostAsync($"/api/sagas/parcel/{id}{query}", Json(Body)), HttpStatusCode.Accepted);
    }

    private static async Task<JsonElement> ViewAsync(VersionedParcelApp app, string id) =>
        await JsonAsync(await app.Client.GetAsync($"/api/sagas/parcel/{id}"), HttpStatusCode.OK);

    private static async Task AssertRanAsync(VersionedParcelApp app, string id, string version, string[] steps)
    {
        var view = await ViewAsync(app, id);
        Assert.Equal(("Completed", version), (view.GetProperty("runtimeStatus").GetString(), view.GetProperty("version").GetString()));
        Assert.Equal(version, view.GetProperty("output").GetProperty("ranVersion").GetString());
        Assert.Equal(steps, view.GetProperty("output").GetProperty("steps").EnumerateArray().Select(s => s.GetString()));
    }
}
