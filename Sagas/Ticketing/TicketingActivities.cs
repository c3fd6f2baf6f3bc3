using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Ticketing;

/// <summary>The ticketing saga's steps and compensations against the seats and notifications participants.</summary>
public sealed class TicketingActivities(SeatsClient seats, NotificationsClient notifications)
{
    public async Task<StepResult<HoldSeatsResponse>> HoldSeats(StepInput<HoldSeatsRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await seats.HoldAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public async Task<string> ReleaseSeats(CompensationInput<HoldSeatsRequest, HoldSeatsResponse> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var release = (await seats.ReleaseAsync(input.IdempotencyKey, new ReleaseSeatsRequest(input.StepKey), ct)).Undone("release seats");
        return release.NothingToUndo
            ? $"nothing to release for booking {input.StepData.BookingId}"
            : $"{release.Status} hold {release.HoldId}: {string.Join(", ", release.SeatIds)}";
    }

    public async Task<StepResult<ConfirmSeatsResponse>> IssueTickets(StepInput<ConfirmSeatsRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await seats.ConfirmAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }

    public async Task<StepResult<SendEmailResponse>> EmailTickets(StepInput<SendEmailRequest> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await notifications.SendAsync(input.IdempotencyKey, input.Data, ct)).ToStep();
    }
}
