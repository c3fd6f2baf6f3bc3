using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Kernel.Definitions;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Ticketing;

/// <summary>
/// Hold seats (a 15-minute window) → wait for the <c>payment</c> event until the hold expires → issue tickets (confirm
/// the hold) → e-mail the tickets (non-critical). Seats not held, for whatever reason (sold out, taken, unknown seat or
/// event, seats service down): <c>sold_out</c>, as the seed's reserve-error branch, with the reason in <c>errors</c>;
/// payment failed: release, <c>payment_failed</c>; window elapsed: release, <c>expired</c>; success: <c>confirmed</c>.
/// Tickets that cannot be issued after a successful payment: release, <c>failed</c>.
/// </summary>
public static class TicketingSaga
{
    public const string Route = "ticketing";

    public const string PaymentEvent = "payment";

    public const string Confirmed = "confirmed";

    public const string SoldOut = "sold_out";

    public const string PaymentFailed = "payment_failed";

    public const string Expired = "expired";

    public const string Failed = "failed";

    /// <summary>How long seats are held for payment, seen from the orchestration's clock.</summary>
    public static readonly TimeSpan HoldWindow = TimeSpan.FromMinutes(15);

    public static SagaOptions Options { get; } = SagaOptions.Default;

    /// <summary>The saga as data (<c>GET /api/definitions/ticketing</c>): the payment wait is bounded by the hold window.</summary>
    public static SagaDefinition Definition { get; } = new(
        Route,
        SagaDefinition.CodeKind,
        "1",
        "Hold the seats for 15 minutes, wait for the payment, issue the tickets, then e-mail them (a failed e-mail is a warning).",
        [
            new(nameof(TicketingActivities.HoldSeats), nameof(TicketingActivities.ReleaseSeats), MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(TicketingActivities.IssueTickets), null, MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(TicketingActivities.EmailTickets), null, NonCritical: true, MaxAttempts: Options.StepRetry.MaxAttempts),
        ],
        [new(PaymentEvent, nameof(TicketingActivities.HoldSeats), HoldWindow.TotalSeconds, Expired)],
        [PaymentEvent, Saga.CancelEventName],
        [Confirmed, SoldOut, PaymentFailed, Expired, Failed, SagaEnd.CancelledStatus]);

    /// <summary>The saga as the hosts see it (route, types, events, activities): the one declaration they are built from.</summary>
    public static SagaDeclaration Declaration { get; } = SagaDeclaration.For<TicketRequest, TicketResult>(Route, nameof(TicketingSaga), RunAsync, Definition)
        .WithActivities<TicketingActivities>()
        .Accepts<PaymentConfirmation>(PaymentEvent);

    public static Task<TicketResult> RunAsync(IOrchestrationContext context) => SagaTelemetry.RunAsync(context, Route, RunSagaAsync);

    private static async Task<TicketResult> RunSagaAsync(IOrchestrationContext context)
    {
        var request = SagaInputs.Require<TicketRequest>(context);
        var saga = new Saga(context, Route, Options);
        var result = new TicketResult { Status = Failed, BookingId = request.BookingId };
        try
        {
            var hold = await saga.Step<HoldSeatsResponse>(
                    nameof(TicketingActivities.HoldSeats),
                    new HoldSeatsRequest(request.EventId, request.SeatIds, request.CustomerId, request.BookingId))
                .CompensateWith(nameof(TicketingActivities.ReleaseSeats));
            var deadline = HoldDeadline(context.CurrentUtcDateTime, hold.ExpiresAt);
            result = result with { ReservationId = hold.HoldId, ExpiresAt = deadline };

            var payment = await saga.WaitForEventUntil<PaymentConfirmation>(PaymentEvent, deadline);
            if (payment.TimedOut)
            {
                return await saga.CompensateAndEndAsync(new SagaFailure(SagaFailureKind.Rejected, PaymentEvent, Expired, $"No payment arrived before the hold expired at {deadline:O}."), result, Expired);
            }

            var confirmation = payment.Value;
            result = result with { PaymentId = confirmation?.PaymentId, Reason = confirmation?.Reason };
            if (confirmation is not { Succeeded: true })
            {
                return await saga.CompensateAndEndAsync(new SagaFailure(SagaFailureKind.Rejected, PaymentEvent, PaymentFailed, confirmation?.Reason ?? "The payment failed."), result, PaymentFailed);
            }

            if (string.IsNullOrWhiteSpace(confirmation.PaymentId))
            {
                return await saga.CompensateAndEndAsync(new SagaFailure(SagaFailureKind.Rejected, PaymentEvent, "missing_payment_id", "The payment event said succeeded but carried no paymentId."), result, PaymentFailed);
            }

            var tickets = await saga.Step<ConfirmSeatsResponse>(
                nameof(TicketingActivities.IssueTickets),
                new ConfirmSeatsRequest(saga.KeyFor(nameof(TicketingActivities.HoldSeats)), confirmation.PaymentId));
            result = result with { Status = Confirmed, TicketIds = tickets.TicketIds };

            _ = await saga.Optional<SendEmailResponse>(
                nameof(TicketingActivities.EmailTickets),
                new SendEmailRequest(
                    request.CustomerId,
                    $"Your tickets for {request.EventId}",
                    $"Booking {request.BookingId}: seats {string.Join(", ", request.SeatIds)}; tickets {string.Join(", ", tickets.TicketIds)}."));
            return saga.Succeed(result);
        }
        catch (SagaFailedException ex)
        {
            var status = ex.Failure switch
            {
                { Kind: SagaFailureKind.Rejected, Code: RejectionCodes.HoldExpired } => Expired,
                _ when ex.Failure.IsAt(nameof(TicketingActivities.HoldSeats)) => SoldOut,
                _ => Failed,
            };
            if (status == Expired && result.PaymentId is not null)
            {
                // The customer paid, but the hold ran out before the tickets were issued: someone has to refund it.
                saga.Warn(nameof(TicketingActivities.IssueTickets), $"Payment '{result.PaymentId}' arrived but the hold expired before the tickets were issued: refund it.");
            }

            return await saga.CompensateAndEndAsync(ex.Failure, result with { TicketIds = [] }, status);
        }
    }

    /// <summary>
    /// The participant's expiry bounds the wait, but never beyond <see cref="HoldWindow"/> from the orchestration's own
    /// clock (and an expiry that is already past on that clock — another machine's clock — counts as the full window:
    /// a confirm after the participant released the hold is refused with <c>hold_expired</c>, which ends <c>expired</c>).
    /// </summary>
    public static DateTime HoldDeadline(DateTime now, DateTimeOffset expiresAt)
    {
        var window = now + HoldWindow;
        var expiry = expiresAt.UtcDateTime;
        return expiry > now && expiry < window ? expiry : window;
    }
}
