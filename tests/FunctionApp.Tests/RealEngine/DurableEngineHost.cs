using System.Net;
using System.Reflection;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SagaFunctions.FunctionApp.Tests.RealEngine;

/// <summary>
/// The real Durable Task engine in this process, running FunctionApp as the Functions host would: the app's own
/// container (built by <see cref="ServiceCollectionExtensions.ConfigureSagaFunctionApp"/>, as <c>Program.cs</c> does,
/// but never run, since there is no Functions host here), its orchestrator and activity functions found by their
/// attributes, and the data converter the Durable extension derives from the worker's serializer. The engine is the
/// in-process test host's gRPC sidecar (<see cref="TaskHubGrpcServer"/>, the same protocol the Functions host speaks to
/// the worker) over a real backend (in memory by default, or Azure Storage), decorated with virtual time for timers.
/// </summary>
internal sealed class DurableEngineHost : IAsyncDisposable
{
    public const string TaskHub = "SagaTestHub";

    /// <summary>The system key the extension's binding puts on every management URL (a fixed test value).</summary>
    public const string SystemKey = "test-system-key";

    private readonly IHost _functionApp;
    private readonly WebApplication _sidecar;
    private readonly IHost _worker;
    private readonly GrpcChannel _channel;

    private DurableEngineHost(IHost functionApp, WebApplication sidecar, IHost worker, GrpcChannel channel, VirtualTimeOrchestrationService backend, Uri baseUrl)
    {
        _functionApp = functionApp;
        _sidecar = sidecar;
        _worker = worker;
        _channel = channel;
        Backend = backend;
        var grpcClient = worker.Services.GetRequiredService<DurableTaskClient>();
        Client = FunctionsClient(grpcClient, baseUrl);
    }

    /// <summary>FunctionApp's services (the HTTP function classes resolve from here).</summary>
    public IServiceProvider Services => _functionApp.Services;

    /// <summary>The <c>[DurableClient]</c> an HTTP function receives: the extension's client, with base URL and system key.</summary>
    public DurableTaskClient Client { get; }

    public VirtualTimeOrchestrationService Backend { get; }

    /// <summary>
    /// Starts the engine over <paramref name="backend"/> (null: the test host's in-memory backend) with FunctionApp
    /// configured by <paramref name="settings"/>; <paramref name="overrides"/> replaces services after the app's own
    /// registrations (e.g. a dead-letter store); <paramref name="onActivity"/> sees every activity call.
    /// </summary>
    public static async Task<DurableEngineHost> StartAsync(
        IDictionary<string, string?> settings,
        Action<IServiceCollection>? overrides = null,
        Action<string, object?>? onActivity = null,
        IOrchestrationService? backend = null)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        RunExtensionStartups(builder);
        // App settings arrive as environment variables in the Functions host, where "A__B" is the key "A:B".
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)));
        builder.Logging.ClearProviders();
        builder.ConfigureSagaFunctionApp();
        overrides?.Invoke(builder.Services);
        var functionApp = builder.Build();
        var converter = functionApp.Services.GetRequiredService<IOptions<DurableTaskWorkerOptions>>().Value.DataConverter;
        if (converter.GetType().Name != "ObjectConverterShim")
        {
            throw new InvalidOperationException($"Expected the Durable extension's data converter, got {converter.GetType().FullName}.");
        }

        var service = new VirtualTimeOrchestrationService(backend ?? new InMemoryOrchestrationService());
        var sidecar = await StartSidecarAsync(service);
        var address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(address);

        var workerBuilder = Host.CreateApplicationBuilder();
        workerBuilder.Logging.ClearProviders();
        workerBuilder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(channel);
            // host.json's defaultVersion / versionMatchStrategy / versionFailureStrategy, as the Functions host applies them.
            b.UseVersioning(HostJsonVersioning.Options());
            b.AddTasks(registry =>
            {
                foreach (var orchestrator in FunctionAppFunctions.Orchestrators)
                {
                    registry.AddOrchestrator(orchestrator.Name, () => new FunctionOrchestrator(orchestrator, functionApp.Services));
                }

                foreach (var activity in FunctionAppFunctions.Activities)
                {
                    registry.AddActivity(activity.Name, _ => new FunctionActivity(activity, functionApp.Services, onActivity ?? ((_, _) => { })));
                }
            });
        });
        workerBuilder.Services.AddDurableTaskClient(b =>
        {
            b.UseGrpc(channel);
            b.RegisterDirectly();
        });
        workerBuilder.Services.ConfigureAll<DurableTaskWorkerOptions>(o =>
        {
            o.DataConverter = converter;
            // The SDK splits timers longer than this into a chain, re-arming until the orchestration's clock reaches the
            // due time. Under virtual time that clock is the real one, so a 30-day timer would re-arm forever; one
            // unsplit timer fires once, as the chain's last link does in Azure.
            o.MaximumTimerInterval = TimeSpan.FromDays(366);
        });
        workerBuilder.Services.ConfigureAll<DurableTaskClientOptions>(o => o.DataConverter = converter);
        var worker = workerBuilder.Build();
        await worker.StartAsync();
        return new DurableEngineHost(functionApp, sidecar, worker, channel, service, new Uri(settings.TryGetValue("WEBSITE_HOSTNAME", out var host) && host is not null ? $"https://{host}" : "http://localhost:7071"));
    }

    /// <summary>Moves virtual time: waits for the engine to go quiet, then fires the earliest pending timer.</summary>
    public async Task<bool> AdvanceAsync(CancellationToken cancellationToken = default)
    {
        await Backend.WaitUntilQuietAsync(TimeSpan.FromMilliseconds(100), cancellationToken);
        return await Backend.FireNextTimerAsync();
    }

    public Task WaitForIdleAsync(CancellationToken cancellationToken = default) =>
        Backend.WaitUntilQuietAsync(TimeSpan.FromMilliseconds(100), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        await _sidecar.StopAsync();
        await _sidecar.DisposeAsync();
        _functionApp.Dispose();
    }

    /// <summary>
    /// The Functions worker runs the extensions' startup code (the Durable extension registers its data converter, client
    /// provider and middleware there) through a class the Worker SDK generates into the app, named by an assembly
    /// attribute of the entry assembly. Under a test runner the entry assembly is the runner, so it is run here.
    /// </summary>
    internal static void RunExtensionStartups(FunctionsApplicationBuilder builder)
    {
        var info = typeof(DurableSagaClient).Assembly.GetCustomAttribute<WorkerExtensionStartupCodeExecutorInfoAttribute>()
            ?? throw new InvalidOperationException("FunctionApp has no generated extension startup: is the Worker SDK referenced?");
        var startup = (WorkerExtensionStartup)Activator.CreateInstance(info.StartupCodeExecutorType, nonPublic: true)!;
        startup.Configure(builder);
    }

    internal static async Task<WebApplication> StartSidecarAsync(VirtualTimeOrchestrationService service)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// The extension's <c>FunctionsDurableTaskClient</c> (internal: what the <c>[DurableClient]</c> binding hands an HTTP
    /// function), with the webhook base URL and query string the Functions host passes it, including the system key.
    /// </summary>
    internal static DurableTaskClient FunctionsClient(DurableTaskClient inner, Uri baseUrl)
    {
        var type = typeof(DurableClientAttribute).Assembly.GetType("Microsoft.Azure.Functions.Worker.FunctionsDurableTaskClient", throwOnError: true)!;
        var httpBaseUrl = new Uri(baseUrl, "/runtime/webhooks/durabletask").ToString();
        var query = $"taskHub={TaskHub}&connection=Storage&code={SystemKey}";
        return (DurableTaskClient)Activator.CreateInstance(type, inner, query, httpBaseUrl, null)!;
    }
}
