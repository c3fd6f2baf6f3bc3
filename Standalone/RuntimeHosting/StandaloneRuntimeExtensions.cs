using Microsoft.Extensions.Options;
using SagaFunctions.Http;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Runtime;

using SagaFunctions.Standalone.DurableWebhooks;

namespace SagaFunctions.Standalone.RuntimeHosting;

/// <summary>
/// Registers the embedded runtime with every orchestrator and activity of the catalog, and its <see cref="ISagaClient"/>
/// and <see cref="ISagaInstanceControl"/> (one <see cref="RuntimeSagaClient"/>).
/// </summary>
public static class StandaloneRuntimeExtensions
{
    /// <summary>
    /// The runtime stores in <c>{DataDirectory}/runtime.db</c>. An <see cref="IRuntimeClock"/> in the container (tests: a
    /// <see cref="VirtualClock"/>) replaces the system clock, and <see cref="FaultHooks"/> in the container (a crash test's
    /// child process) are given to the runtime. Each activity runs in its own service scope, inside its
    /// <see cref="SagaTracing"/> span, parented to the trace parent the instance was started with. Several versions of a saga
    /// are registered as one orchestrator (<see cref="SagaVersions.ForEngine"/>).
    /// </summary>
    public static IServiceCollection AddEmbeddedRuntime(
        this IServiceCollection services,
        IEnumerable<SagaDeclaration> orchestrators,
        IEnumerable<ActivityRegistration> activities)
    {
        ArgumentNullException.ThrowIfNull(services);
        var orchestratorList = orchestrators.ToList();
        var activityList = activities.ToList();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StandaloneOptions>>().Value;
            Directory.CreateDirectory(Path.GetFullPath(options.DataDirectory));
            var builder = DurableRuntime.CreateBuilder()
                .UseSqlite(options.DataFile("runtime.db"))
                .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
                .Configure(o => o.ActivityLease = options.ActivityLease);
            if (sp.GetService<IRuntimeClock>() is { } clock)
            {
                builder.UseClock(clock);
            }

            if (sp.GetService<FaultHooks>() is { } hooks)
            {
                builder.AddFaultHooks(hooks);
            }

            // One orchestrator per name: the versions of a saga dispatch on the instance's recorded version.
            foreach (var orchestrator in SagaVersions.ForEngine(orchestratorList))
            {
                builder.AddOrchestrator(orchestrator.OrchestratorName, orchestrator.Run);
            }

            var scopes = sp.GetRequiredService<IServiceScopeFactory>();
            foreach (var activity in activityList)
            {
                // Each execution in its span, a child of the saga's start span (the trace parent the runtime stored
                // with the instance); the participant calls inside it carry its trace context.
                builder.AddActivity(activity.Name, activity.InputType, (input, call, ct) =>
                    SagaTracing.TraceActivityAsync(activity.Name, activity.Saga, input, call.TraceParent, async () =>
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        return await activity.Invoke(scope.ServiceProvider, input, ct);
                    }));
            }

            return new EmbeddedRuntime(builder.Build());
        });
        services.AddHostedService<DurableRuntimeHostedService>();
        services.AddSingleton<RuntimeSagaClient>();
        services.AddSingleton<ISagaClient>(sp => sp.GetRequiredService<RuntimeSagaClient>());
        services.AddSingleton<ISagaInstanceControl>(sp => sp.GetRequiredService<RuntimeSagaClient>());
        return services;
    }
}
