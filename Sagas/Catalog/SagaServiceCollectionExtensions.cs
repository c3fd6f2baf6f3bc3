using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Sagas.Choreography;

namespace SagaFunctions.Sagas.Catalog;

public static class SagaServiceCollectionExtensions
{
    /// <summary>
    /// Registers every activities class the declarations name (<see cref="SagaCatalog.ActivityClasses"/>) and the
    /// choreographed order's service. The host registers the
    /// typed participant clients (<c>AddParticipantClients</c>) and an <see cref="IDeadLetterStore"/>.
    /// </summary>
    public static IServiceCollection AddSagaActivities(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var activities in SagaCatalog.ActivityClasses)
        {
            services.AddTransient(activities);
        }

        services.AddTransient<OrderChoreography>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
