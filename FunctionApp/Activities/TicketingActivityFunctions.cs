using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Ticketing;

namespace SagaFunctions.FunctionApp.Activities;

/// <summary>One Durable activity function per <see cref="TicketingActivities"/> method (same name), each a one-line call.</summary>
public sealed class TicketingActivityFunctions(TicketingActivities activities)
{
    [Function(nameof(TicketingActivities.HoldSeats))]
    public Task<StepResult<HoldSeatsResponse>> HoldSeats([ActivityTrigger] StepInput<HoldSeatsRequest> input, CancellationToken cancellationToken) =>
        activities.HoldSeats(input, cancellationToken);

    [Function(nameof(TicketingActivities.ReleaseSeats))]
    public Task<string> ReleaseSeats([ActivityTrigger] CompensationInput<HoldSeatsRequest, HoldSeatsResponse> input, CancellationToken cancellationToken) =>
        activities.ReleaseSeats(input, cancellationToken);

    [Function(nameof(TicketingActivities.IssueTickets))]
    public Task<StepResult<ConfirmSeatsResponse>> IssueTickets([ActivityTrigger] StepInput<ConfirmSeatsRequest> input, CancellationToken cancellationToken) =>
        activities.IssueTickets(input, cancellationToken);

    [Function(nameof(TicketingActivities.EmailTickets))]
    public Task<StepResult<SendEmailResponse>> EmailTickets([ActivityTrigger] StepInput<SendEmailRequest> input, CancellationToken cancellationToken) =>
        activities.EmailTickets(input, cancellationToken);
}
