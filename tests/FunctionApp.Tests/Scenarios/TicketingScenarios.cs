using static SagaFunctions.FunctionApp.Tests.Scenarios.ScenarioSteps;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

public class TicketingScenarios
{
    private const string Saga = "ticketing";

    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    internal static IReadOnlyList<Scenario> All { get; } =
    [
        new("ticketing: payment succeeds → confirmed with tickets", async r =>
        {
            await r.StartAsync(Saga, "b-1", Booking("b-1"));
            await r.RaiseAsync(Saga, "b-1", "payment", new { succeeded = true, paymentId = "PAY-1" });
            var output = await r.EndsAsync(Saga, "b-1", "confirmed");
            Assert.Equal(2, output.GetProperty("ticketIds").GetArrayLength());
            await r.ReadAsync("/participants/seats/EVT-001");
        }),
        new("ticketing: payment fails → seats released", async r =>
        {
            await r.StartAsync(Saga, "b-2", Booking("b-2"));
            await r.RaiseAsync(Saga, "b-2", "payment", new { succeeded = false, reason = "card declined" });
            await r.EndsAsync(Saga, "b-2", "payment_failed", "ReleaseSeats");
            await r.ReadAsync("/participants/seats/EVT-001");
        }),
        new("ticketing: payment succeeded without a paymentId → payment_failed", async r =>
        {
            await r.StartAsync(Saga, "b-3", Booking("b-3"));
            await r.RaiseAsync(Saga, "b-3", "payment", new { succeeded = true }, expectedStatus: 400);
            await r.PostAsync($"/api/sagas/{Saga}/b-3/cancel", new { reason = "gave up" }, 202);
            await r.EndsAsync(Saga, "b-3", "cancelled", "ReleaseSeats");
        }),
        new("ticketing: no payment within 15 minutes → expired, seats released", async r =>
        {
            await r.StartAsync(Saga, "b-4", Booking("b-4"));
            await r.EndsAsync(Saga, "b-4", "expired", "ReleaseSeats");
            await r.ReadAsync("/participants/seats/EVT-001");
        }),
        new("ticketing: a payment after the hold expired → 410, nothing changes", async r =>
        {
            await r.StartAsync(Saga, "b-5", Booking("b-5"));
            await r.EndsAsync(Saga, "b-5", "expired", "ReleaseSeats");
            await r.RaiseAsync(Saga, "b-5", "payment", new { succeeded = true, paymentId = "PAY-5" }, expectedStatus: 410);
        }),
        new("ticketing: sold-out event → sold_out, nothing to undo", async r =>
            await r.RunAsync(Saga, "b-6", Booking("b-6", eventId: "EVT-002"), "sold_out")),
        new("ticketing: seat held by another booking → sold_out", async r =>
        {
            await r.StartAsync(Saga, "b-7a", Booking("b-7a"));
            await r.RunAsync(Saga, "b-7b", Booking("b-7b", seats: ["A2", "A3"]), "sold_out");
        }),
        new("ticketing: unknown seat → sold_out", async r =>
            await r.RunAsync(Saga, "b-8", Booking("b-8", seats: ["Z99"]), "sold_out")),
        new("ticketing: hold keeps failing → sold_out, in-doubt hold released by key", async r =>
        {
            await r.FaultAsync("seats", "hold");
            await r.RunAsync(Saga, "b-9", Booking("b-9"), "sold_out", "ReleaseSeats");
        }),
        new("ticketing: issuing tickets keeps failing → seats released", async r =>
        {
            await r.FaultAsync("seats", "confirm");
            await r.StartAsync(Saga, "b-10", Booking("b-10"));
            await r.RaiseAsync(Saga, "b-10", "payment", new { succeeded = true, paymentId = "PAY-10" });
            await r.EndsAsync(Saga, "b-10", "failed", "ReleaseSeats");
        }),
        new("ticketing: e-mail fails → confirmed with a warning", async r =>
        {
            await r.FaultAsync("notifications", "send");
            await r.StartAsync(Saga, "b-11", Booking("b-11"));
            await r.RaiseAsync(Saga, "b-11", "payment", new { succeeded = true, paymentId = "PAY-11" });
            var output = await r.EndsAsync(Saga, "b-11", "confirmed");
            Assert.Single(Warnings(output));
        }),
        new("ticketing: cancel while waiting for payment → seats released", async r =>
        {
            await r.StartAsync(Saga, "b-12", Booking("b-12"));
            await r.PostAsync($"/api/sagas/{Saga}/b-12/cancel", new { reason = "changed plans" }, 202);
            await r.EndsAsync(Saga, "b-12", "cancelled", "ReleaseSeats");
        }),
        new("ticketing: terminate while waiting → Terminated, not shown as waiting", async r =>
        {
            await r.StartAsync(Saga, "b-13", Booking("b-13"));
            await r.PostAsync($"/api/sagas/{Saga}/b-13/terminate", new { reason = "operator" }, 202);
            var view = await r.RunToEndAsync(Saga, "b-13");
            Assert.Equal("Terminated", view.GetProperty("runtimeStatus").GetString());
            Assert.NotEqual("waiting", view.GetProperty("phase").GetString());
        }),
        new("ticketing: an event to an unknown instance → 404", async r =>
            await r.RaiseAsync(Saga, "nobody", "payment", new { succeeded = true, paymentId = "PAY-X" }, expectedStatus: 404)),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Scenario_BothEngines_AgreeAndMeetTheExpectations(string name) => TwoEngines.RunAsync(All.Single(s => s.Name == name));

    internal static object Booking(string id, string eventId = "EVT-001", string[]? seats = null) =>
        new { bookingId = id, eventId, seatIds = seats ?? ["A1", "A2"], customerId = "cust-123", totalAmount = 120m };
}
