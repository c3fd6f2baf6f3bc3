using System.Text;
using System.Text.Json;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SagaFunctions.Http;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Tests.Shared.Versioning;

namespace SagaFunctions.FunctionApp.Tests.RealEngine;

/// <summary>
/// The versioned test saga (<see cref="ParcelSaga"/>) on the real Durable Task engine, deployed and redeployed: the engine
/// (the in-process gRPC sidecar over an in-memory task hub) stays up while <see cref="DeployAsync"/> replaces the worker
/// with one that registers other versions, as a new deployment of the function app does. The worker registers each
/// orchestrator the way FunctionApp's functions run them (<see cref="SagaVersions.ForEngine"/> through
/// <see cref="DurableOrchestrationContext"/>), applies host.json's versioning settings with the deployment's version,
/// and the HTTP contract is served by <see cref="SagaApi"/> over <see cref="DurableSagaClient"/>.
/// </summary>
internal sealed class VersionedDurableHost : IAsyncDisposable
{
    private static readonly IServiceProvider RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider();

    private readonly WebApplication _sidecar;
    private readonly GrpcChannel _channel;
    private IHost? _worker;
    private SagaApi? _api;

    private VersionedDurableHost(WebApplication sidecar, GrpcChannel channel)
    {
        _sidecar = sidecar;
        _channel = channel;
    }

    public DurableTaskClient Client => _worker!.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<VersionedDurableHost> StartAsync()
    {
        var backend = new VirtualTimeOrchestrationService(new InMemoryOrchestrationService());
        var sidecar = await DurableEngineHost.StartSidecarAsync(backend);
        var address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new VersionedDurableHost(sidecar, GrpcChannel.ForAddress(address));
    }

    /// <summary>Stops the running worker (if any) and starts one that registers <paramref name="versions"/> of the saga.</summary>
    public async Task DeployAsync(params string[] versions)
    {
        await StopWorkerAsync();
        var sagas = ParcelSaga.Versions(versions);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(_channel);
            b.AddTasks(registry =>
            {
                foreach (var orchestrator in SagaVersions.ForEngine(sagas))
                {
                    registry.AddOrchestratorFunc<ParcelRequest, object?>(orchestrator.OrchestratorName, (context, _) => orchestrator.Run(new DurableOrchestrationContext(context)));
                }

                foreach (var name in ParcelSaga.Activities)
                {
                    registry.AddActivityFunc<StepInput<ParcelRequest>, StepResult<string>>(name, (_, input) => ParcelSaga.RunActivity(name, input));
                }
            });
            b.UseVersioning(HostJsonVersioning.Options(versions.Max(Comparer<string>.Create(SagaVersions.Compare))));
        });
        builder.Services.AddDurableTaskClient(b =>
        {
            b.UseGrpc(_channel);
            b.RegisterDirectly();
        });
        // camelCase JSON, as FunctionApp's worker serializer writes it (the saga views read the kernel's status that way).
        var converter = new JsonDataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web));
        builder.Services.ConfigureAll<DurableTaskWorkerOptions>(o => o.DataConverter = converter);
        builder.Services.ConfigureAll<DurableTaskClientOptions>(o => o.DataConverter = converter);
        _worker = builder.Build();
        await _worker.StartAsync();
        _api = new SagaApi(new DurableSagaClient(Client), new SagaRegistry(sagas));
    }

    /// <summary>
    /// Reads the saga view until <paramref name="condition"/> holds (a worker that has just started takes a moment to
    /// connect, so a quiet engine alone does not mean the work ran); fails the test after a minute instead of hanging.
    /// </summary>
    public async Task<JsonElement> WaitForAsync(string id, Func<JsonElement, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var (status, view) = await ViewAsync(id);
            if (status == StatusCodes.Status200OK && condition(view))
            {
                return view;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Saga view of '{id}' never satisfied the condition; last: {view}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary><c>POST /api/sagas/parcel/{id}{query}</c> with <paramref name="body"/>: status code and JSON body.</summary>
    public Task<(int Status, JsonElement Body)> StartAsync(string id, string query, string body) =>
        SendAsync("POST", query, body, (request, ct) => _api!.StartAsync(request, ParcelSaga.Route, id, ct));

    /// <summary><c>POST /api/sagas/parcel/{id}/events/{name}</c> with an empty object.</summary>
    public Task<(int Status, JsonElement Body)> RaiseAsync(string id, string eventName) =>
        SendAsync("POST", string.Empty, "{}", (request, ct) => _api!.RaiseEventAsync(request, ParcelSaga.Route, id, eventName, ct));

    /// <summary><c>GET /api/sagas/parcel/{id}</c>.</summary>
    public Task<(int Status, JsonElement Body)> ViewAsync(string id) =>
        SendAsync("GET", string.Empty, null, (request, ct) => _api!.GetAsync(request, ParcelSaga.Route, id, ct));

    /// <summary><c>GET /api/sagas{query}</c>.</summary>
    public Task<(int Status, JsonElement Body)> ListAsync(string query) =>
        SendAsync("GET", query, null, (request, ct) => _api!.ListAsync(request, ct));

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        await _sidecar.StopAsync();
        await _sidecar.DisposeAsync();
    }

    private async Task StopWorkerAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync();
            _worker.Dispose();
            _worker = null;
        }
    }

    private static async Task<(int Status, JsonElement Body)> SendAsync(
        string method, string query, string? body, Func<HttpRequest, CancellationToken, Task<IResult>> handle)
    {
        var context = new DefaultHttpContext { RequestServices = RequestServices };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost:7071");
        context.Request.QueryString = new QueryString(query);
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            context.Request.ContentType = "application/json";
        }

        var response = new MemoryStream();
        context.Response.Body = response;
        var result = await handle(context.Request, CancellationToken.None);
        await result.ExecuteAsync(context);
        var text = Encoding.UTF8.GetString(response.ToArray());
        return (context.Response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
