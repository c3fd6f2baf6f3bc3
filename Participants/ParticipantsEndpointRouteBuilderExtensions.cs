using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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

namespace SagaFunctions.Participants;

/// <summary>Maps the participant HTTP API.</summary>
public static class ParticipantsEndpointRouteBuilderExtensions
{
    /// <summary>Maps every participant route under <c>/participants</c>.</summary>
    public static IEndpointRouteBuilder MapParticipants(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/participants").WithTags("participants");
        group.MapPayments();
        group.MapInventory();
        group.MapShipping();
        group.MapNotifications();
        group.MapAccounts();
        group.MapSeats();
        group.MapEnvironments();
        group.MapClaims();
        group.MapMigration();
        group.MapProcessing();
        group.MapFaults();
        return app;
    }
}
