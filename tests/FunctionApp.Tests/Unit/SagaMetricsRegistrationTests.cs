using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace SagaFunctions.FunctionApp.Tests.Unit;

public sealed class SagaMetricsRegistrationTests
{
    [Fact]
    public void AddSagaMetrics_WithApplicationInsightsConnectionString_RegistersTheMeterAndTracerProvidersAndTheGauges()
    {
        var services = new ServiceCollection();

        services.AddSagaMetrics(Configuration("InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://localhost/"));

        Assert.Contains(services, d => d.ServiceType == typeof(MeterProvider));
        Assert.Contains(services, d => d.ServiceType == typeof(TracerProvider));
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DeadLetterGauge));
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(Operations.StuckSagasGauge));
    }

    [Fact]
    public void AddSagaMetrics_WithoutConnectionString_ExportsNothing()
    {
        var services = new ServiceCollection();

        services.AddSagaMetrics(Configuration(null));

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(MeterProvider));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(TracerProvider));
        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(DeadLetterGauge));
        Assert.DoesNotContain(services, d => d.ImplementationType == typeof(Operations.StuckSagasGauge));
    }

    private static IConfiguration Configuration(string? connectionString) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [AppSettings.ApplicationInsightsConnectionString] = connectionString })
            .Build();
}
