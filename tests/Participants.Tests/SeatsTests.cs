using System.Net;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class SeatsTests
{
    [Fact]
    public async Task Hold_FreeSeats_HoldsThemForTheHoldDuration()
    {
        var time = new FakeTimeProvider();
        await using var host = await ParticipantsHost.StartAsync(time: time);
        var seats = host.Client<SeatsClient>();

        var hold = (await seats.HoldAsync("hold", new HoldSeatsRequest("EVT-001", ["A1", "A2"], "C-1", "B-1"))).Value!;

        Assert.StartsWith("hold_", hold.HoldId, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(15), hold.ExpiresAt);
        var view = (await seats.GetSeatsAsync("EVT-001"))!;
        Assert.All(view.Seats.Take(2), s => Assert.Equal(new SeatView(s.SeatId, "held", hold.HoldId, hold.ExpiresAt), s));
        Assert.Equal("free", view.Seats[2].State);
    }

    [Fact]
    public async Task Hold_ConfiguredHoldDuration_IsUsed()
    {
        var time = new FakeTimeProvider();
        await using var host = await ParticipantsHost.StartAsync(new Dictionary<string, string?> { ["Participants:HoldDuration"] = "00:02:00" }, time);

        var hold = (await host.Client<SeatsClient>().HoldAsync("hold", new HoldSeatsRequest("EVT-001", ["A1"], "C", "B"))).Value!;

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(2), hold.ExpiresAt);
    }

    [Fact]
    public async Task Hold_SoldOutEvent_IsSoldOut409()
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var response = await host.PostAsync("/participants/seats/hold", "k", new HoldSeatsRequest("EVT-002", ["A1"], "C", "B"));

        await response.ProblemAsync(HttpStatusCode.Conflict, RejectionCodes.SoldOut);
    }

    [Fact]
    public async Task Hold_SeatAlreadyHeld_IsSeatUnavailable409()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var seats = host.Client<SeatsClient>();
        await seats.HoldAsync("first", new HoldSeatsRequest("EVT-001", ["A3"], "C-1", "B-1"));

        using var response = await host.PostAsync("/participants/seats/hold", "second", new HoldSeatsRequest("EVT-001", ["A4", "A3"], "C-2", "B-2"));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict, RejectionCodes.SeatUnavailable);
        Assert.Contains("A3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("free", (await seats.GetSeatsAsync("EVT-001"))!.Seats.Single(s => s.SeatId == "A4").State);
    }

    [Fact]
    public async Task Hold_SeatAlreadySold_IsSeatUnavailable()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var seats = host.Client<SeatsClient>();
        await seats.HoldAsync("first", new HoldSeatsRequest("EVT-001", ["A3"], "C-1", "B-1"));
        await seats.ConfirmAsync("confirm", new ConfirmSeatsRequest("first", "pay_1"));

        var result = await seats.HoldAsync("second", new HoldSeatsRequest("EVT-001", ["A3"], "C-2", "B-2"));

        Assert.Equal(RejectionCodes.SeatUnavailable, result.Code);
    }

    [Theory]
    [InlineData("EVT-404", "A1", RejectionCodes.UnknownEvent)]
    [InlineData("EVT-001", "Z9", RejectionCodes.UnknownSeat)]
    public async Task Hold_UnknownEventOrSeat_IsRejected(string eventId, string seat, string code)
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<SeatsClient>().HoldAsync("k", new HoldSeatsRequest(eventId, [seat], "C", "B"));

        Assert.Equal(code, result.Code);
    }

    [Fact]
    public async Task Confirm_HeldSeats_SellsThemAndIssuesOneTicketPerSeat()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var seats = host.Client<SeatsClient>();
        var hold = (await seats.HoldAsync("hold", new HoldSeatsRequest("EVT-001", ["A10", "A11"], "C", "B"))).Value!;

        var confirmed = (await seats.ConfirmAsync("confirm", new ConfirmSeatsRequest("hold", "pay_1"))).Value!;
        var again = (await seats.ConfirmAsync("confirm-again", new ConfirmSeatsRequest("hold", "pay_1"))).Value!;

        Assert.Equal(hold.HoldId, confirmed.HoldId);
        Assert.Equal(2, confirmed.TicketIds.Distinct().Count());
        Assert.Equal(confirmed.TicketIds, again.TicketIds);
        var sold = (await seats.GetSeatsAsync("EVT-001"))!.Seats.Where(s => s.State == "sold").Select(s => s.SeatId);
        Assert.Equal(["A10", "A11"], sold);
    }

    [Fact]
    public async Task Hold_AfterExpiry_FreesTheSeatsAndConfirmIsHoldExpired()
    {
        var time = new FakeTimeProvider();
        await using var host = await ParticipantsHost.StartAsync(time: time);
        var seats = host.Client<SeatsClient>();
        await seats.HoldAsync("hold", new HoldSeatsRequest("EVT-001", ["A1"], "C-1", "B-1"));

        time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal("held", (await seats.GetSeatsAsync("EVT-001"))!.Seats[0].State);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(new SeatView("A1", "free"), (await seats.GetSeatsAsync("EVT-001"))!.Seats[0]);
        using var confirm = await host.PostAsync("/participants/seats/confirm", "confirm", new ConfirmSeatsRequest("hold", "pay_1"));
        await confirm.ProblemAsync(HttpStatusCode.Conflict, RejectionCodes.HoldExpired);
        Assert.True((await seats.HoldAsync("other", new HoldSeatsRequest("EVT-001", ["A1"], "C-2", "B-2"))).Succeeded);
        Assert.Equal("expired", (await seats.ReleaseAsync("release", new ReleaseSeatsRequest("hold"))).Value!.Status);
        Assert.Equal("held", (await seats.GetSeatsAsync("EVT-001"))!.Seats[0].State);
    }

    [Fact]
    public async Task Confirm_ReleasedHold_IsHoldReleased()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var seats = host.Client<SeatsClient>();
        await seats.HoldAsync("hold", new HoldSeatsRequest("EVT-001", ["A1"], "C", "B"));
        await seats.ReleaseAsync("release", new ReleaseSeatsRequest("hold"));

        var result = await seats.ConfirmAsync("confirm", new ConfirmSeatsRequest("hold", "pay_1"));

        Assert.Equal(RejectionCodes.HoldReleased, result.Code);
    }

    [Fact]
    public async Task Confirm_UnknownHold_IsHoldNotFound()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<SeatsClient>().ConfirmAsync("confirm", new ConfirmSeatsRequest("never", "pay_1"));

        Assert.Equal(RejectionCodes.HoldNotFound, result.Code);
    }
}
