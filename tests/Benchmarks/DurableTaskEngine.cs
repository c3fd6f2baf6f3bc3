using System.Net;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SagaFunctions.Benchmarks;

/// <summary>
/// The real Durable Task engine in this process, as FunctionApp's tests host it: the in-process test host's gRPC
/// sidecar (<see cref="TaskHubGrpcServer"/>, the protocol the Functions host speaks to an isolated worker) on Kestrel
/// over loopback HTTP/2, its in-memory backend behind <see cref="LimitsOrchestrationService"/>, and a Durable Task
/// worker and client connected to it. The same workflows as ours, written against the Durable Task SDK. In memory:
/// nothing here is durable.
/// </summary>
internal sealed class DurableTaskEngine : IBenchEngine
{
    private readonly WebApplication _sidecar;
    private readonly IHost _worker;
    private readonly GrpcChannel _channel;
    private readonly DurableTaskClient _client;

    private DurableTaskEngine(WebApplication sidecar, IHost worker, GrpcChannel channel, string name)
    {
        _sidecar = sidecar;
        _worker = worker;
        _channel = channel;
        _client = worker.Services.GetRequiredService<DurableTaskClient>();
        Name = name;
    }

    public string Name { get; }

    public static async Task<DurableTaskEngine> StartAsync(int? maxOrchestrations, int? maxActivities)
    {
        var service = new LimitsOrchestrationService(new InMemoryOrchestrationService(), maxOrchestrations, maxActivities);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync().ConfigureAwait(false);
        var address = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(address);

        var workerBuilder = Host.CreateApplicationBuilder();
        workerBuilder.Logging.ClearProviders();
        workerBuilder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(channel);
            b.AddTasks(registry => registry
                .AddOrchestratorFunc<int, int>(BenchmarkWorkflows.Order, OrderAsync)
                .AddOrchestratorFunc<object?, int>(BenchmarkWorkflows.FanOut, FanOutAsync)
                .AddOrchestratorFunc<int, int>(BenchmarkWorkflows.Sequence, SequenceAsync)
                .AddActivityFunc<int, int>(BenchmarkWorkflows.Step, static (_, x) => x + 1));
        });
        workerBuilder.Services.AddDurableTaskClient(b =>
        {
            b.UseGrpc(channel);
            b.RegisterDirectly();
        });
        var worker = workerBuilder.Build();
        await worker.StartAsync().ConfigureAwait(false);
        var name = maxOrchestrations is null
            ? $"Durable Task (shipped limits {service.MaxConcurrentTaskOrchestrationWorkItems}/{service.MaxConcurrentTaskActivityWorkItems})"
            : $"Durable Task (limits {maxOrchestrations}/{maxActivities})";
        return new DurableTaskEngine(sidecar, worker, channel, name);
    }

    public Task StartAsync(string workflow, object? input, string instanceId, CancellationToken cancellationToken) =>
        _client.ScheduleNewOrchestrationInstanceAsync(workflow, input, new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken);

    public async Task<string?> WaitAsync(string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await _client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? metadata.SerializedOutput
            : throw new InvalidOperationException($"{instanceId} ended {metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _worker.StopAsync(stop.Token).ConfigureAwait(false);
        _worker.Dispose();
        await _channel.ShutdownAsync().ConfigureAwait(false);
        _channel.Dispose();
        await _sidecar.StopAsync(stop.Token).ConfigureAwait(false);
        await _sidecar.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<int> OrderAsync(TaskOrchestrationContext context, int value)
    {
        value = await context.CallActivityAsync<int>(BenchmarkWorkflows.Step, value);
        value = await context.CallActivityAsync<int>(BenchmarkWorkflows.Step, value);
        value = await context.CallActivityAsync<int>(BenchmarkWorkflows.Step, value);
        value = await context.CallActivityAsync<int>(BenchmarkWorkflows.Step, value);
        return value;
    }

    private static async Task<int> FanOutAsync(TaskOrchestrationContext context, object? input)
    {
        var tasks = new Task<int>[100];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = context.CallActivityAsync<int>(BenchmarkWorkflows.Step, i);
        }

        var results = await Task.WhenAll(tasks);
        return results.Sum();
    }

    private static async Task<int> SequenceAsync(TaskOrchestrationContext context, int steps)
    {
        var value = 0;
        for (var i = 0; i < steps; i++)
        {
            value = await context.CallActivityAsync<int>(BenchmarkWorkflows.Step, value);
        }

        return value;
    }
}
