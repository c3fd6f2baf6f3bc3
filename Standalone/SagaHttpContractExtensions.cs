using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.Http;
using SagaFunctions.Sagas.Catalog;
using SagaFunctions.Standalone.Endpoints;

namespace SagaFunctions.Standalone;

/// <summary>
/// Registers and maps the shared HTTP contract (saga API, dead letters, Durable webhooks). Needs an
/// <see cref="ISagaClient"/> and an <c>IDeadLetterStore</c> in the container.
/// </summary>
public static class SagaHttpContractExtensions
{
    public static IServiceCollection AddSagaHttpContract(
        this IServiceCollection services, IEnumerable<SagaRegistration> sagas, SagaHttpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new SagaRegistry(sagas));
        services.AddSingleton(options ?? new SagaHttpOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SagaApi>();
        services.AddSingleton<DeadLetterApi>();
        services.AddSingleton<DurableWebhookApi>();
        return services;
    }

    /// <summary>API-key check, then the saga, dead-letter and webhook routes.</summary>
    public static IEndpointRouteBuilder MapSagaHttpContract(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapSagaApi();
        endpoints.MapDeadLetterApi();
        endpoints.MapDurableWebhooks();
        endpoints.MapMonitor();
        return endpoints;
    }
}
