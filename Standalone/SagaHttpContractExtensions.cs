using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.Http;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Standalone.Endpoints;

using SagaFunctions.Standalone.DurableWebhooks;

namespace SagaFunctions.Standalone;

/// <summary>
/// Registers and maps the shared HTTP contract (saga API, dead letters, definitions, Durable webhooks). Needs an
/// <see cref="ISagaClient"/> and an <c>IDeadLetterStore</c> in the container.
/// </summary>
public static class SagaHttpContractExtensions
{
    public static IServiceCollection AddSagaHttpContract(
        this IServiceCollection services, IEnumerable<SagaDeclaration> sagas, SagaHttpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new SagaRegistry(sagas));
        services.AddSingleton(options ?? new SagaHttpOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SagaApi>();
        services.AddSingleton<DeadLetterApi>();
        services.AddSingleton<DurableWebhookApi>();
        services.AddSingleton<DefinitionsApi>();
        return services;
    }

    /// <summary>The saga, dead-letter, definition, webhook and monitor routes.</summary>
    public static IEndpointRouteBuilder MapSagaHttpContract(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapSagaApi();
        endpoints.MapDeadLetterApi();
        endpoints.MapDefinitionApi();
        endpoints.MapDurableWebhooks();
        endpoints.MapMonitor();
        return endpoints;
    }
}
