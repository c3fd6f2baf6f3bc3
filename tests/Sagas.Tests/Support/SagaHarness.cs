using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Participants;
using SagaFunctions.Participants.Client;
using SagaFunctions.Runtime;
using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.Sagas.Tests.Support;

/// <summary>
/// Everything a saga test needs, in-process: the participants (TestServer, in-memory databases, seed data, on the
/// virtual clock), the typed clients routed to them, the saga activities, an in-memory dead-letter store, and the
/// embedded durable runtime (in-memory SQLite, <see cref="VirtualClock"/>) with every orchestrator and activity of the
/// catalog. Every activity call is recorded (name and idempotency key) so tests can assert exactly what ran.
/// </summary>
internal sealed class SagaHarness : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly ServiceProvider _services;
    private readonly ConcurrentQueue<(string Name, string? Key)> _calls = new();
    private readonly string? _durableFile;

    private SagaHarness(WebApplication app, ServiceProvider services, VirtualClock clock, string? durableFile)
    {
        _app = app;
        _services = services;
        _durableFile = durableFile;
        Clock = clock;
        Runtime = null!;
    }

    public DurableRuntime Runtime { get; private set; }

    public DurableClient Client => Runtime.Client;

    public VirtualClock Clock { get; }

    /// <summary>Every activity call, in the order the activities started.</summary>
    public IReadOnlyList<string> Calls => [.. _calls.Select(c => c.Name)];

    public IReadOnlyList<(string Name, string? Key)> KeyedCalls => [.. _calls];

    public InMemoryDeadLetterStore DeadLetters => (InMemoryDeadLetterStore)_services.GetRequiredService<IDeadLetterStore>();

    public FaultsClient Faults => _services.GetRequiredService<FaultsClient>();

    public AccountsClient Accounts => _services.GetRequiredService<AccountsClient>();

    public InventoryClient Inventory => _services.GetRequiredService<InventoryClient>();

    public PaymentsClient Payments => _services.GetRequiredService<PaymentsClient>();

    public ShippingClient Shipping => _services.GetRequiredService<ShippingClient>();

    public NotificationsClient Notifications => _services.GetRequiredService<NotificationsClient>();

    public SeatsClient Seats => _services.GetRequiredService<SeatsClient>();

    public EnvironmentsClient Environments => _services.GetRequiredService<EnvironmentsClient>();

    public ClaimsClient Claims => _services.GetRequiredService<ClaimsClient>();

    public MigrationClient Migration => _services.GetRequiredService<MigrationClient>();

    public ProcessingClient Processing => _services.GetRequiredService<ProcessingClient>();

    /// <summary>
    /// Starts the participants and a runtime. <paramref name="durableFile"/> keeps the runtime's history in a SQLite file
    /// (so <see cref="RestartAsync"/> can recover it); <paramref name="hooks"/> injects runtime faults (crashes).
    /// </summary>
    public static async Task<SagaHarness> StartAsync(IDictionary<string, string?>? settings = null, string? durableFile = null, FaultHooks? hooks = null)
    {
        var clock = new VirtualClock();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Participants:InMemory"] = "true" });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton<TimeProvider>(new VirtualTimeProvider(clock));
        builder.Services.AddParticipants(builder.Configuration);
        var app = builder.Build();
        app.MapParticipants();
        await app.StartAsync();

        var services = new ServiceCollection()
            .AddParticipantClients(new Uri("http://localhost/"), _ => app.GetTestServer().CreateHandler())
            .AddSingleton<IDeadLetterStore, InMemoryDeadLetterStore>()
            .AddSagaActivities()
            .BuildServiceProvider();

        var harness = new SagaHarness(app, services, clock, durableFile);
        await harness.StartRuntimeAsync(hooks);
        return harness;
    }

    /// <summary>Disposes the runtime (crashed or not) and starts a new one on the same file: recovery after a crash.</summary>
    public async Task RestartAsync()
    {
        Assert.NotNull(_durableFile);
        await Runtime.DisposeAsync();
        await StartRuntimeAsync(hooks: null);
    }

    /// <summary>Moves virtual time until the runtime stops on an injected crash; fails the test if the instance finishes first.</summary>
    public async Task DriveUntilCrashAsync(string instanceId, int maxSteps = 500)
    {
        for (var i = 0; i <= maxSteps; i++)
        {
            try
            {
                await Runtime.WaitForIdleAsync();
                var status = await Client.GetStatusAsync(instanceId);
                Assert.False(status?.IsFinished ?? false, $"{instanceId} finished before the injected crash.");
                await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
            }
            catch (SimulatedCrashException)
            {
                return;
            }

            if (Runtime.Fault is SimulatedCrashException)
            {
                return;
            }
        }

        Assert.Fail("The runtime did not crash.");
    }

    private async Task StartRuntimeAsync(FaultHooks? hooks)
    {
        var runtime = DurableRuntime.CreateBuilder().UseClock(Clock);
        runtime = _durableFile is null ? runtime.UseInMemory() : runtime.UseSqlite(_durableFile);
        if (hooks is not null)
        {
            runtime.AddFaultHooks(hooks);
        }

        foreach (var orchestrator in SagaVersions.ForEngine(SagaCatalog.Orchestrators))
        {
            runtime.AddOrchestrator(orchestrator.OrchestratorName, orchestrator.Run);
        }

        foreach (var activity in SagaCatalog.Activities)
        {
            runtime.AddActivity(activity.Name, activity.InputType, (input, ct) =>
            {
                _calls.Enqueue((activity.Name, KeyOf(input)));
                return activity.Invoke(_services, input, ct);
            });
        }

        Runtime = runtime.Build();
        await Runtime.StartAsync();
    }

    public int CallsOf(string activity) => _calls.Count(c => c.Name == activity);

    /// <summary>Starts an orchestration and runs it until it waits for an event or a timer.</summary>
    public async Task StartAsync(string orchestrator, object input, string instanceId)
    {
        var started = await Client.StartAsync(orchestrator, input, instanceId);
        Assert.True(started.Created);
        await Runtime.WaitForIdleAsync();
    }

    public async Task RaiseAsync(string instanceId, string eventName, object? payload)
    {
        await Client.RaiseEventAsync(instanceId, eventName, payload);
        await Runtime.WaitForIdleAsync();
    }

    /// <summary>
    /// Moves virtual time forward in <paramref name="step"/>s (default one minute) until the instance finishes, and
    /// returns its status. Fails the test when it is still running after <paramref name="maxSteps"/>.
    /// </summary>
    public async Task<InstanceStatus> RunToEndAsync(string instanceId, TimeSpan? step = null, int maxSteps = 500)
    {
        await Runtime.WaitForIdleAsync();
        for (var i = 0; i <= maxSteps; i++)
        {
            var status = await Client.GetStatusAsync(instanceId);
            Assert.NotNull(status);
            if (status.IsFinished)
            {
                return status;
            }

            await Clock.AdvanceAsync(step ?? TimeSpan.FromMinutes(1));
            await Runtime.WaitForIdleAsync();
        }

        Assert.Fail($"{instanceId} still runs after {maxSteps} steps of virtual time.");
        return null!;
    }

    /// <summary>Starts, runs to the end, and returns the output; fails the test unless the instance Completed.</summary>
    public async Task<T> RunAsync<T>(string orchestrator, object input, string instanceId, TimeSpan? step = null)
    {
        await StartAsync(orchestrator, input, instanceId);
        return await OutputAsync<T>(instanceId, step);
    }

    public async Task<T> OutputAsync<T>(string instanceId, TimeSpan? step = null)
    {
        var status = await RunToEndAsync(instanceId, step);
        Assert.True(status.RuntimeStatus == OrchestrationStatus.Completed, $"{instanceId} ended {status.RuntimeStatus}: {status.FailureDetails}");
        return JsonSerializer.Deserialize<T>(status.SerializedOutput!, Json)!;
    }

    /// <summary>A permanent fault (500 until removed) on one participant operation, optionally for one idempotency key only.</summary>
    public async Task<string> FailAsync(string service, string operation, string? key = null)
    {
        var fault = await Faults.AddAsync(new FaultRequest(service, operation, "permanent", Key: key));
        Assert.True(fault.Succeeded, $"Could not add the fault: {fault.Code}: {fault.Message}");
        return fault.Value.Id;
    }

    public Task ClearFaultsAsync() => Faults.ClearAsync();

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await _services.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_durableFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _durableFile, _durableFile + "-wal", _durableFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static string? KeyOf(object? input) => input switch
    {
        null => null,
        JsonElement json => json.ValueKind == JsonValueKind.Object && json.TryGetProperty("idempotencyKey", out var key) ? key.GetString() : null,
        _ => input.GetType().GetProperty("IdempotencyKey")?.GetValue(input) as string,
    };
}
