using System.Text.Json;
using Azure.Core.Serialization;
using Azure.Data.Tables;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SagaFunctions.FunctionApp.Choreography;
using SagaFunctions.FunctionApp.Operations;
using SagaFunctions.Http;
using SagaFunctions.Http.Choreography;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Catalog;
using SagaFunctions.Sagas.Declarative;

namespace SagaFunctions.FunctionApp;

/// <summary>
/// The function app's composition: telemetry, participant clients, the dead-letter table, the saga activities and the
/// shared HTTP contract's registry and options. Durable's client is per invocation (<c>[DurableClient]</c>), so the
/// <see cref="ISagaClient"/> adapter is built in each HTTP function, not registered here.
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The whole app as <c>Program.cs</c> runs it: ASP.NET Core integration for the HTTP triggers, the activity tracing
    /// middleware (<see cref="ActivityTracingMiddleware"/>) plus <see cref="AddSagaFunctionApp"/>. The tests build the app through this same call.
    /// </summary>
    public static FunctionsApplicationBuilder ConfigureSagaFunctionApp(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureFunctionsWebApplication();
        builder.UseWhen<ActivityTracingMiddleware>(ActivityTracingMiddleware.IsActivity);
        builder.Services.AddSagaFunctionApp(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddSagaFunctionApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services
            .AddCamelCasePayloads()
            .AddFunctionsTelemetry()
            .AddSagaMetrics(configuration)
            .AddParticipantClients(configuration.GetRequiredHttpUri(AppSettings.ParticipantsBaseUrl))
            .AddParticipantClientTimeout(configuration)
            .AddDeadLetterTable(configuration)
            .AddSagaActivities()
            .AddSagaHttpContract(configuration)
            .AddChoreography(configuration)
            .AddSagaOperations(configuration);
    }

    /// <summary>
    /// The participant calls' timeout, <c>Participants__Client__Timeout</c> (optional, default 100 s; see
    /// <see cref="ParticipantClientOptions"/>).
    /// </summary>
    public static IServiceCollection AddParticipantClientTimeout(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ParticipantClientOptions>().Bind(configuration.GetSection(ParticipantClientOptions.SectionName));
        return services;
    }

    /// <summary>
    /// The worker's serializer (which Durable's data converter wraps) writes orchestration inputs, outputs and custom
    /// status in camelCase, as the embedded runtime does: the worker's default has no naming policy (PascalCase), which
    /// would make the two hosts' saga views differ.
    /// </summary>
    public static IServiceCollection AddCamelCasePayloads(this IServiceCollection services) =>
        services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    /// <summary>Application Insights for the isolated worker: worker logs and dependencies go straight to App Insights.</summary>
    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services) =>
        services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();

    /// <summary>
    /// The <c>SagaFunctions</c> meter (<see cref="SagaMetrics"/>: starts, completions, durations, steps, compensations, open
    /// dead letters, stuck sagas as the operations sweep last counted them) and activity source (<see cref="SagaTracing"/>: saga starts, activity executions, with the Durable Task spans that link them, <see cref="FunctionAppTracing"/>) exported to Azure Monitor through OpenTelemetry when <see cref="AppSettings.ApplicationInsightsConnectionString"/>
    /// is set (as infra/ sets it); without it (locally, in tests) nothing is exported.
    /// </summary>
    public static IServiceCollection AddSagaMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[AppSettings.ApplicationInsightsConnectionString];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(SagaMetrics.MeterName)
                .AddAzureMonitorMetricExporter(o => o.ConnectionString = connectionString))
            .WithTracing(tracing => tracing
                .AddSource(SagaTracing.SourceName, FunctionAppTracing.DurableTaskSourceName)
                .AddAzureMonitorTraceExporter(o => o.ConnectionString = connectionString));
        services.AddHostedService<DeadLetterGauge>();
        services.AddHostedService<StuckSagasGauge>();
        return services;
    }

    /// <summary>
    /// The Azure Table <see cref="IDeadLetterStore"/> and the start claims (<see cref="IInstanceStartClaims"/>) in the same
    /// account; the clients are built on first use, so a bad setting fails that call, named.
    /// </summary>
    public static IServiceCollection AddDeadLetterTable(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TableClient>(_ => DeadLetterTableClientFactory.Create(configuration));
        services.AddSingleton<IDeadLetterStore, TableDeadLetterStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IInstanceStartClaims>(sp => new TableInstanceStartClaims(
            DeadLetterTableClientFactory.Create(configuration, AppSettings.StartClaimsTableName, TableInstanceStartClaims.DefaultTableName),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// The order saga as a choreography: its Storage Queues (names from app settings, clients built on first use), its
    /// Azure Table trail, the queue triggers' consumer and the shared HTTP routes' backend.
    /// </summary>
    public static IServiceCollection AddChoreography(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new ChoreographyQueues(ChoreographyQueueClientFactory.Create(configuration), configuration));
        services.AddSingleton(sp => new TableChoreographyStore(
            DeadLetterTableClientFactory.Create(configuration, AppSettings.ChoreographyTableName, TableChoreographyStore.DefaultTableName),
            sp.GetRequiredService<ChoreographyQueues>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddTransient<ChoreographyConsumer>();
        services.AddTransient<IChoreographyBackend, TableChoreographyBackend>();
        services.AddTransient<ChoreographyApi>();
        return services;
    }

    /// <summary>
    /// The sagas the HTTP API serves (the catalog and the declarative definitions of <c>Sagas:DefinitionsPath</c>, read
    /// and validated now: a bad file stops the app), the contract's options and the clock of the dead-letter routes.
    /// </summary>
    public static IServiceCollection AddSagaHttpContract(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var declarative = DeclarativeSagas.Load(configuration[DeclarativeSagas.PathSetting], AppContext.BaseDirectory, SagaCatalog.Sagas.Select(s => s.Route));
        services.AddSingleton(new SagaRegistry([.. SagaCatalog.Sagas, .. declarative]));
        services.AddSingleton(new SagaHttpOptions());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
