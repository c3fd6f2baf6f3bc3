using System.Text.Json;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Tests.Support;
using SagaFunctions.Sagas.Ticketing;

namespace SagaFunctions.Sagas.Tests.Integration;

public class TicketingSagaTests
{
    private const string Id = "booking-1";

    private static TicketRequest Booking(string eventId = "EVT-001", params string[] seats) =>
        new("bk-1", eventId, seats.Length == 0 ? ["A1", "A2"] : seats, "cust-1", 120m);

    private static async Task<string[]> SeatStatesAsync(SagaHarness h, params string[] seats)
    {
        var all = (await h.Seats.GetSeatsAsync("EVT-001"))!.Seats;
        return [.. seats.Select(s => all.Single(v => v.SeatId == s).State)];
    }

    [Fact]
    public async Task Run_PaymentSucceeds_ConfirmedWithTickets()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(TicketingSaga), Booking(), Id);
        Assert.Equal(["held", "held"], await SeatStatesAsync(h, "A1", "A2"));
        using (var progress = JsonDocument.Parse((await h.Client.GetStatusAsync(Id))!.SerializedCustomStatus!))
        {
            Assert.Equal("waiting", progress.RootElement.GetProperty("phase").GetString());
            Assert.Equal("payment", progress.RootElement.GetProperty("waitingFor").GetString());
            Assert.Equal("HoldSeats", progress.RootElement.GetProperty("completedSteps")[0].GetString());
        }

        await h.RaiseAsync(Id, TicketingSaga.PaymentEvent, new PaymentConfirmation(true, "pay-42"));
        var result = await h.OutputAsync<TicketResult>(Id);

        Assert.Equal("confirmed", result.Status);
        Assert.Equal(2, result.TicketIds.Count);
        Assert.Equal("pay-42", result.PaymentId);
        Assert.Empty(result.Compensations);
        Assert.Equal(["sold", "sold"], await SeatStatesAsync(h, "A1", "A2"));
        Assert.Equal(["HoldSeats", "IssueTickets", "EmailTickets"], h.Calls);
    }

    [Fact]
    public async Task Run_PaymentFails_ReleasesSeats()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(TicketingSaga), Booking(), Id);

        await h.RaiseAsync(Id, TicketingSaga.PaymentEvent, new PaymentConfirmation(false, null, "card declined"));
        var result = await h.OutputAsync<TicketResult>(Id);

        Assert.Equal("payment_failed", result.Status);
        Assert.Equal("card declined", result.Reason);
        Assert.Equal(["ReleaseSeats"], result.Compensations.Select(c => c.Activity));
        Assert.Empty(result.TicketIds);
        Assert.Equal(["free", "free"], await SeatStatesAsync(h, "A1", "A2"));
        Assert.Equal(0, h.CallsOf("IssueTickets"));
    }

    [Fact]
    public async Task Run_PaymentSucceededWithoutPaymentId_PaymentFailed()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(TicketingSaga), Booking(), Id);

        await h.RaiseAsync(Id, TicketingSaga.PaymentEvent, new PaymentConfirmation(true));
        var result = await h.OutputAsync<TicketResult>(Id);

        Assert.Equal("payment_failed", result.Status);
        Assert.Equal("missing_payment_id", result.Error?.Code);
        Assert.Equal(["free", "free"], await SeatStatesAsync(h, "A1", "A2"));
    }

    [Fact]
    public async Task Run_NoPaymentWithinFifteenMinutes_ExpiredAndReleased()
    {
        await using var h = await SagaHarness.StartAsync();
        var start = h.Clock.UtcNow;
        await h.StartAsync(nameof(TicketingSaga), Booking(), Id);

        await h.Clock.AdvanceAsync(TimeSpan.FromMinutes(14));
        await h.Runtime.WaitForIdleAsync();
        Assert.False((await h.Client.GetStatusAsync(Id))!.IsFinished);
        var result = await h.OutputAsync<TicketResult>(Id);

        Assert.Equal("expired", result.Status);
        Assert.Equal(start.AddMinutes(15), result.ExpiresAt);
        Assert.Equal(["ReleaseSeats"], result.Compensations.Select(c => c.Activity));
        Assert.Equal(["free", "free"], await SeatStatesAsync(h, "A1", "A2"));
    }

    [Fact]
    public async Task Run_SoldOutEvent_SoldOutWithNothingToUndo()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<TicketResult>(nameof(TicketingSaga), Booking("EVT-002", "A1"), Id);

        Assert.Equal("sold_out", result.Status);
        Assert.Empty(result.Compensations);
        Assert.Equal(["HoldSeats"], h.Calls);
    }

    [Theory]
    [InlineData("EVT-001", "A99", "unknown_seat")]
    [InlineData("EVT-999", "A1", "unknown_event")]
    public async Task Run_SeatsCannotBeHeld_SoldOutWithTheReasonInError(string eventId, string seat, string code)
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<TicketResult>(nameof(TicketingSaga), Booking(eventId, seat), Id);

        Assert.Equal("sold_out", result.Status);
        Assert.Equal("HoldSeats", result.Error!.Step);
        Assert.Equal(code, result.Error.Code);
        Assert.Null(result.ReservationId);
    }

    [Fact]
    public async Task Run_SeatHeldByAnotherBooking_SoldOut()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(TicketingSaga), Booking("EVT-001", "A1"), "other");

        var result = await h.RunAsync<TicketResult>(nameof(TicketingSaga), Booking("EVT-001", "A1", "A3"), Id);

        Assert.Equal("sold_out", result.Status);
        Assert.Equal(["held", "free"], await SeatStatesAsync(h, "A1", "A3"));
    }

    [Fact]
    public async Task Run_CancelDuringPaymentWait_ReleasesSeats()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(TicketingSaga), Booking(), Id);

        await h.RaiseAsync(Id, Saga.CancelEventName, new CancelRequest("changed plans"));
        var result = await h.OutputAsync<TicketResult>(Id);

        Assert.Equal("cancelled", result.Status);
        Assert.Equal(SagaPhase.Cancelled, result.Phase);
        Assert.Equal(["ReleaseSeats"], result.Compensations.Select(c => c.Activity));
        Assert.Equal(["free", "free"], await SeatStatesAsync(h, "A1", "A2"));
    }

    [Fact]
    public async Task Run_HoldKeepsFailing_SoldOutAndTheInDoubtHoldReleasedByKey()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("seats", "hold");

        var result = await h.RunAsync<TicketResult>(nameof(TicketingSaga), Booking(), Id);

        Assert.Equal("sold_out", result.Status);
        var release = Assert.Single(result.Compensations);
        Assert.True(release.StepWasInDoubt);
        Assert.Equal(["free", "free"], await SeatStatesAsync(h, "A1", "A2"));
    }

    [Fact]
    public async Task Run_IssueTicketsKeepsFailing_ReleasesSeats()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("seats", "confirm");
        await h.StartAsync(nameof(TicketingSaga), Booking(), Id);

        await h.RaiseAsync(Id, TicketingSaga.PaymentEvent, new PaymentConfirmation(true, "pay-1"));
        var result = await h.OutputAsync<TicketResult>(Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal("IssueTickets", result.Error?.Step);
        Assert.Equal(["ReleaseSeats"], result.Compensations.Select(c => c.Activity));
        Assert.Equal(["free", "free"], await SeatStatesAsync(h, "A1", "A2"));
    }

    [Fact]
    public async Task Run_EmailFails_ConfirmedWithWarning()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("notifications", "send");
        await h.StartAsync(nameof(TicketingSaga), Booking(), Id);

        await h.RaiseAsync(Id, TicketingSaga.PaymentEvent, new PaymentConfirmation(true, "pay-1"));
        var result = await h.OutputAsync<TicketResult>(Id);

        Assert.Equal("confirmed", result.Status);
        Assert.Contains("EmailTickets", Assert.Single(result.Warnings), StringComparison.Ordinal);
        Assert.Equal(["sold", "sold"], await SeatStatesAsync(h, "A1", "A2"));
    }

    [Fact]
    public async Task Run_HoldExpiresWhileIssuingAfterPayment_ExpiredWithARefundWarning()
    {
        await using var h = await SagaHarness.StartAsync(new Dictionary<string, string?> { ["Participants:HoldDuration"] = "00:00:01" });
        var fault = await h.Faults.AddAsync(new FaultRequest("seats", "confirm", "transient", Count: 2));
        Assert.True(fault.Succeeded);
        await h.StartAsync(nameof(TicketingSaga), Booking(), Id);

        await h.RaiseAsync(Id, TicketingSaga.PaymentEvent, new PaymentConfirmation(true, "PAY-LATE"));
        var result = await h.OutputAsync<TicketResult>(Id);

        Assert.Equal("expired", result.Status);
        Assert.Equal("PAY-LATE", result.PaymentId);
        Assert.Contains(result.Warnings, w => w.Contains("PAY-LATE", StringComparison.Ordinal) && w.Contains("refund", StringComparison.Ordinal));
        Assert.Equal(["free", "free"], await SeatStatesAsync(h, "A1", "A2"));
    }

    [Fact]
    public async Task Run_ParticipantHoldShorterThanWindow_WaitsOnlyUntilTheHoldExpires()
    {
        await using var h = await SagaHarness.StartAsync(new Dictionary<string, string?> { ["Participants:HoldDuration"] = "00:05:00" });
        var start = h.Clock.UtcNow;
        await h.StartAsync(nameof(TicketingSaga), Booking(), Id);

        var result = await h.OutputAsync<TicketResult>(Id);

        Assert.Equal("expired", result.Status);
        Assert.Equal(start.AddMinutes(5), result.ExpiresAt);
        Assert.True(h.Clock.UtcNow < start.AddMinutes(15));
        Assert.Equal(["free", "free"], await SeatStatesAsync(h, "A1", "A2"));
    }
}
