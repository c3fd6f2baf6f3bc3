using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SagaFunctions.Participants.Accounts;
using SagaFunctions.Participants.Claims;
using SagaFunctions.Participants.Environments;
using SagaFunctions.Participants.Faults;
using SagaFunctions.Participants.Infrastructure;
using SagaFunctions.Participants.Inventory;
using SagaFunctions.Participants.Migration;
using SagaFunctions.Participants.Notifications;
using SagaFunctions.Participants.Payments;
using SagaFunctions.Participants.Processing;
using SagaFunctions.Participants.Seats;
using SagaFunctions.Participants.Shipping;

namespace SagaFunctions.Participants;

/// <summary>Registers the participant services.</summary>
public static class ParticipantsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the participant services, bound to the <c>Participants</c> section of <paramref name="configuration"/>
    /// (<see cref="ParticipantsOptions"/>), plus <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/>
    /// is already registered. Databases are created and seeded when the host starts.
    /// </summary>
    public static IServiceCollection AddParticipants(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ParticipantsOptions>()
            .Bind(configuration.GetSection(ParticipantsOptions.SectionName))
            .Validate(o => o.InMemory || !string.IsNullOrWhiteSpace(o.DataDirectory), "Participants:DataDirectory is required unless Participants:InMemory is true.")
            .Validate(
                o => string.Equals(o.JournalMode, "WAL", StringComparison.OrdinalIgnoreCase) || string.Equals(o.JournalMode, "DELETE", StringComparison.OrdinalIgnoreCase),
                "Participants:JournalMode must be WAL or DELETE.")
            .Validate(o => o.Payments.Limit > 0, "Participants:Payments:Limit must be greater than 0.")
            .Validate(o => o.HoldDuration > TimeSpan.Zero, "Participants:HoldDuration must be positive.")
            .Validate(o => o.MaxRequestBodyBytes > 0, "Participants:MaxRequestBodyBytes must be positive.")
            .Validate(o => o.Environments.TestsOutcome is "auto" or "pass" or "fail", "Participants:Environments:TestsOutcome must be auto, pass or fail.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.TryAddSingleton<FaultInjector>();
        services.TryAddSingleton<OperationRunner>();
        services.TryAddSingleton<PaymentsService>();
        services.TryAddSingleton<InventoryService>();
        services.TryAddSingleton<ShippingService>();
        services.TryAddSingleton<NotificationsService>();
        services.TryAddSingleton<AccountsService>();
        services.TryAddSingleton<SeatsService>();
        services.TryAddSingleton<EnvironmentsService>();
        services.TryAddSingleton<ClaimsService>();
        services.TryAddSingleton<MigrationService>();
        services.TryAddSingleton<ProcessingService>();
        services.AddHostedService<ParticipantsInitializer>();
        return services;
    }
}
