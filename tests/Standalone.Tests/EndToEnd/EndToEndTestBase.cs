using System.Net;
using System.Text.Json;
using SagaFunctions.Runtime;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary>One real Standalone app per test (fresh data folder, virtual clock) and the HTTP helpers the saga tests share.</summary>
public abstract class EndToEndTestBase : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    protected StandaloneFactory Factory { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    protected string DataDirectory => _directory.Path;

    protected virtual string? ApiKey => null;

    public virtual Task InitializeAsync()
    {
        Factory = new StandaloneFactory(_directory.Path, new VirtualClock(), ApiKey);
        Client = Factory.CreateApiClient();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Starts a saga through the API; returns its instance id.</summary>
    protected async Task<string> StartAsync(string saga, string body, string? instanceId = null)
    {
        var path = instanceId is null ? $"/api/sagas/{saga}" : $"/api/sagas/{saga}/{Uri.EscapeDataString(instanceId)}";
        var payload = await JsonAsync(await Client.PostAsync(path, Json(body)), HttpStatusCode.Accepted);
        return payload.GetProperty("Id").GetString()!;
    }

    /// <summary>Runs the instance to its end in virtual time and returns the saga view from the API.</summary>
    protected async Task<JsonElement> FinishAsync(string saga, string instanceId, string expectedRuntimeStatus = "Completed")
    {
        await Factory.RunUntilFinishedAsync(instanceId);
        var view = await ViewAsync(saga, instanceId);
        Assert.True(
            view.GetProperty("runtimeStatus").GetString() == expectedRuntimeStatus,
            $"Expected {expectedRuntimeStatus}, got {view.GetProperty("runtimeStatus")} ({view.GetProperty("outcome")}): {view.GetProperty("failure")}");
        return view;
    }

    protected async Task<JsonElement> ViewAsync(string saga, string instanceId) =>
        await JsonAsync(await Client.GetAsync($"/api/sagas/{saga}/{Uri.EscapeDataString(instanceId)}"), HttpStatusCode.OK);

    protected async Task<JsonElement> GetJsonAsync(string path) => await JsonAsync(await Client.GetAsync(path), HttpStatusCode.OK);

    /// <summary>Lets the saga run until it waits (for an event or a timer) and returns its view.</summary>
    protected async Task<JsonElement> SettleAsync(string saga, string instanceId)
    {
        await Factory.SettleAsync();
        return await ViewAsync(saga, instanceId);
    }

    protected async Task RaiseAsync(string saga, string instanceId, string eventName, string body)
    {
        var response = await Client.PostAsync($"/api/sagas/{saga}/{instanceId}/events/{eventName}", Json(body));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    protected async Task<decimal> BalanceAsync(string account) =>
        (await GetJsonAsync($"/participants/accounts/{account}")).GetProperty("balance").GetDecimal();
}
