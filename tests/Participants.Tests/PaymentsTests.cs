using System.Net;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class PaymentsTests
{
    [Fact]
    public async Task Charge_ExactlyTheLimit_IsCharged()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<PaymentsClient>().ChargeAsync("k", new ChargeRequest("O-1", "C-1", 500.00m));

        Assert.True(result.Succeeded);
        Assert.Equal("charged", result.Value.Status);
        Assert.Equal(500.00m, result.Value.Amount);
        Assert.StartsWith("pay_", result.Value.PaymentId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Charge_AboveTheLimit_IsRejectedOverLimitWith422()
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var response = await host.PostAsync("/participants/payments/charge", "k", new ChargeRequest("O-1", "C-1", 500.01m));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, RejectionCodes.OverLimit);
        Assert.Contains("500.00", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Charge_ConfiguredLimit_IsUsed()
    {
        await using var host = await ParticipantsHost.StartAsync(new Dictionary<string, string?> { ["Participants:Payments:Limit"] = "50" });
        var payments = host.Client<PaymentsClient>();

        Assert.True((await payments.ChargeAsync("a", new ChargeRequest("O", "C", 50m))).Succeeded);
        Assert.Equal(RejectionCodes.OverLimit, (await payments.ChargeAsync("b", new ChargeRequest("O", "C", 50.01m))).Code);
    }

    [Fact]
    public async Task GetPayment_AfterCharge_ShowsIt()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var payments = host.Client<PaymentsClient>();
        var charge = (await payments.ChargeAsync("k", new ChargeRequest("O-1", "C-1", 12.34m))).Value!;

        var view = await payments.GetPaymentAsync(charge.PaymentId);

        Assert.Equal("O-1", view!.OrderId);
        Assert.Equal(12.34m, view.Amount);
        Assert.Equal("charged", view.Status);
        Assert.Null(view.RefundedAt);
    }
}
