using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SagaFunctions.Http.Choreography;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Participants;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Catalog;
using SagaFunctions.Sagas.Declarative;
using SagaFunctions.Standalone.Choreography;
using SagaFunctions.Standalone.DeadLetters;
using SagaFunctions.Standalone.Operations;
using SagaFunctions.Standalone.RuntimeHosting;

namespace SagaFunctions.Standalone;

/// <summary>Composes the Standalone app: runtime, participants, sagas, HTTP contract, dead letters, OpenAPI.</summary>
public static class StandaloneServiceExtensions
{
    public const string DefaultBaseUrl = "http://localhost:7071/";

    /// <summary>The OpenTelemetry setting that turns on the OTLP trace exporter (which reads it, and its siblings, itself).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddStandalone(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;

        services.AddOptions<StandaloneOptions>()
            .Bind(configuration.GetSection(StandaloneOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Standalone:DataDirectory must not be empty.")
            .ValidateOnStart();
        services.AddProblemDetails();

        // The OpenAPI document describes bodies with these options: strict numbers, as the API reads them (SagaHttpJson).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddOpenApi();

        // Participants keep their SQLite files next to the runtime's unless Participants:DataDirectory says otherwise.
        services.AddParticipants(configuration);
        services.AddOptions<ParticipantsOptions>().PostConfigure<IOptions<StandaloneOptions>>((participants, standalone) =>
        {
            if (string.IsNullOrWhiteSpace(configuration[$"{ParticipantsOptions.SectionName}:{nameof(ParticipantsOptions.DataDirectory)}"]))
            {
                participants.DataDirectory = Path.GetFullPath(standalone.Value.DataDirectory);
            }
        });

        // The sagas' activities call the participants over HTTP, on this app's own address by default.
        // With an API key configured the participants' mutating routes need it too, so the clients send it.
        services.AddParticipantClients(
            (sp, client) =>
            {
                client.BaseAddress = ParticipantsBaseUrl(sp);
                var apiKey = sp.GetRequiredService<IOptions<StandaloneOptions>>().Value.ApiKey;
                if (!string.IsNullOrEmpty(apiKey))
                {
                    client.DefaultRequestHeaders.Add(ApiKeyMiddleware.HeaderName, apiKey);
                }
            },
            ParticipantsHandler);
        services.AddOptions<ParticipantClientOptions>().Bind(configuration.GetSection(ParticipantClientOptions.SectionName));
        services.AddSagaActivities();
        services.AddSingleton<IDeadLetterStore>(sp =>
            new SqliteDeadLetterStore(sp.GetRequiredService<IOptions<StandaloneOptions>>().Value.DataFile("dead-letters.db")));

        // Registered after the participants so their databases exist before recovered activities run.
        // Declarative sagas: the definition files are read and validated now, so a bad file stops the app before it starts.
        var declarative = DeclarativeSagas.Load(configuration[DeclarativeSagas.PathSetting], AppContext.BaseDirectory, SagaCatalog.Sagas.Select(s => s.Route));
        services.AddEmbeddedRuntime(SagaCatalog.Orchestrators, SagaCatalog.Activities);
        services.AddSagaHttpContract([.. SagaCatalog.Sagas, .. declarative]);
        services.AddSagaOperations(configuration);

        // The order saga as a choreography: its own durable queue beside the runtime's file.
        services.AddOptions<ChoreographyOptions>().Bind(configuration.GetSection(ChoreographyOptions.SectionName));
        services.AddSingleton(sp => new ChoreographyStore(sp.GetRequiredService<IOptions<StandaloneOptions>>().Value.DataFile("choreography.db")));
        services.AddSingleton<ChoreographyDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ChoreographyDispatcher>());
        services.AddTransient<IChoreographyBackend, SqliteChoreographyBackend>();
        services.AddTransient<ChoreographyApi>();

        // The SagaFunctions meter (SagaMetrics), scraped as Prometheus text at GET /metrics; no response cache, so every
        // scrape reads the instruments (and the dead-letter gauge) now.
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(SagaMetrics.MeterName)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));

        // Traces: the SagaFunctions source (saga starts, activity executions) with the HTTP server and client spans
        // that carry W3C trace context to the participants; exported over OTLP only when an endpoint is configured.
        var otlpEndpoint = configuration[OtlpEndpointSetting];
        services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddSource(SagaTracing.SourceName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
            if (!string.IsNullOrWhiteSpace(otlpEndpoint))
            {
                tracing.AddOtlpExporter();
            }
        });
        return builder;
    }

    /// <summary>
    /// <c>Participants:BaseUrl</c> when set; otherwise the first address the server listens on (wildcard hosts become
    /// localhost); otherwise http://localhost:7071/.
    /// </summary>
    public static Uri ParticipantsBaseUrl(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configured = services.GetRequiredService<IConfiguration>()["Participants:BaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return WithSlash(configured);
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses?.FirstOrDefault();
        if (address is null)
        {
            return new Uri(DefaultBaseUrl);
        }

        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return WithSlash(uri.Uri.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>
    /// The handler of the participant clients: the registered <see cref="ParticipantsTransport"/>'s when there is one,
    /// otherwise a network handler.
    /// </summary>
    public static HttpMessageHandler ParticipantsHandler(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService<ParticipantsTransport>()?.CreateHandler()
            ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) };
    }

    private static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}
