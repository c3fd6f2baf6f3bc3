using DurableTask.AzureStorage;
using SagaFunctions.FunctionApp.Tests.Scenarios;

namespace SagaFunctions.FunctionApp.Tests.Storage;

/// <summary>
/// FunctionApp on the real Durable Task engine over <see cref="AzureStorageOrchestrationService"/> (the provider
/// host.json selects) against Azurite: a task hub of its own per engine (queues, Instances/History tables, lease
/// blobs). The Azure Storage backend delivers work through polled queues, so "idle" means quiet for longer than the
/// polling interval, not the in-memory backend's 60 ms.
/// </summary>
internal sealed class AzureStorageEngine : ISagaEngine
{
    /// <summary>The longest wait between two polls of an empty queue (the provider's default is 30 s).</summary>
    public static readonly TimeSpan PollingInterval = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan QuietFor = TimeSpan.FromMilliseconds(600);

    private readonly DurableEngine _inner;

    private AzureStorageEngine(DurableEngine inner, AzureStorageOrchestrationService service, string taskHub)
    {
        _inner = inner;
        Service = service;
        TaskHub = taskHub;
    }

    public string Name => "durable-azure-storage";

    public DurableEngine Inner => _inner;

    /// <summary>The backend itself (for what the HTTP API does not show: the provider's own start behaviour).</summary>
    public AzureStorageOrchestrationService Service { get; }

    public string TaskHub { get; }

    public static async Task<AzureStorageEngine> StartAsync(AzuriteFixture azurite)
    {
        var taskHub = "hub" + Guid.NewGuid().ToString("N")[..20];
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(azurite.ConnectionString),
            TaskHubName = taskHub,
            PartitionCount = 1,
            MaxQueuePollingInterval = PollingInterval,
            WorkerId = taskHub,
        });
        await service.CreateIfNotExistsAsync();
        var engine = new AzureStorageEngine(await DurableEngine.StartAsync(service, azurite.ConnectionString), service, taskHub);
        await engine.WarmUpAsync();
        return engine;
    }

    /// <summary>
    /// Waits until the worker owns the task hub's control queue (its partition lease, taken a few seconds after start):
    /// an instance of an orchestrator that does not exist fails as soon as a worker picks it up. It is purged again.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var client = _inner.Host.Client;
        var id = await client.ScheduleNewOrchestrationInstanceAsync("WarmUpProbe");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await client.WaitForInstanceCompletionAsync(id, timeout.Token);
        await client.PurgeInstanceAsync(id);
        await IdleAsync();
    }

    public Task<HttpAnswer> SendAsync(HttpMethod method, string pathAndQuery, string? body = null) => _inner.SendAsync(method, pathAndQuery, body);

    public Task<HttpAnswer> SendRawAsync(HttpMethod method, string pathAndQuery, byte[]? body, string? contentType, IReadOnlyDictionary<string, string>? headers = null) =>
        _inner.SendRawAsync(method, pathAndQuery, body, contentType, headers);

    public Task IdleAsync() => _inner.Host.Backend.WaitUntilQuietAsync(QuietFor, CancellationToken.None);

    public async Task<bool> AdvanceAsync()
    {
        await IdleAsync();
        return await _inner.Host.Backend.FireNextTimerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync();
        await Service.StopAsync(isForced: true);
        await Service.DeleteAsync();
        Service.Dispose();
    }
}
