using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SagaFunctions.Participants.Accounts;
using SagaFunctions.Participants.Claims;
using SagaFunctions.Participants.Environments;
using SagaFunctions.Participants.Faults;
using SagaFunctions.Participants.Inventory;
using SagaFunctions.Participants.Migration;
using SagaFunctions.Participants.Notifications;
using SagaFunctions.Participants.Payments;
using SagaFunctions.Participants.Processing;
using SagaFunctions.Participants.Seats;
using SagaFunctions.Participants.Shipping;

namespace SagaFunctions.Participants.Infrastructure;

/// <summary>Creates every service (schema + first-start seed) and the configured faults when the host starts, so misconfiguration fails fast.</summary>
internal sealed class ParticipantsInitializer(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<FaultInjector>();
        services.GetRequiredService<PaymentsService>();
        services.GetRequiredService<InventoryService>();
        services.GetRequiredService<ShippingService>();
        services.GetRequiredService<NotificationsService>();
        services.GetRequiredService<AccountsService>();
        services.GetRequiredService<SeatsService>();
        services.GetRequiredService<EnvironmentsService>();
        services.GetRequiredService<ClaimsService>();
        services.GetRequiredService<MigrationService>();
        services.GetRequiredService<ProcessingService>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
