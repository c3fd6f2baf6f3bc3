using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.Sagas.Choreography;
using SagaFunctions.Sagas.Batch;
using SagaFunctions.Sagas.DeadLetters;
using SagaFunctions.Sagas.Declarative;
using SagaFunctions.Sagas.Deployment;
using SagaFunctions.Sagas.InsuranceClaim;
using SagaFunctions.Sagas.Migration;
using SagaFunctions.Sagas.MoneyTransfer;
using SagaFunctions.Sagas.Order;
using SagaFunctions.Sagas.Ticketing;

namespace SagaFunctions.Sagas.Catalog;

public static class SagaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the activity classes of every reference saga, the declarative sagas' generic activities and the
    /// dead-letter activities. The host registers the
    /// typed participant clients (<c>AddParticipantClients</c>) and an <see cref="IDeadLetterStore"/>.
    /// </summary>
    public static IServiceCollection AddSagaActivities(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddTransient<OrderActivities>();
        services.AddTransient<MoneyTransferActivities>();
        services.AddTransient<TicketingActivities>();
        services.AddTransient<DeploymentActivities>();
        services.AddTransient<InsuranceClaimActivities>();
        services.AddTransient<MigrationActivities>();
        services.AddTransient<BatchActivities>();
        services.AddTransient<OrderChoreography>();
        services.AddTransient<DeclarativeActivities>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<DeadLetterActivities>();
        return services;
    }
}
