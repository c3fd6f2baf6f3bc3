using System.Net;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task Charge_SequentialRepeat_ReturnsFirstResultAndChargesOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var body = new ChargeRequest("O-1", "C-1", 120.50m);

        using var first = await host.PostAsync("/participants/payments/charge", "charge-1", body);
        using var second = await host.PostAsync("/participants/payments/charge", "charge-1", body);

        var firstText = await first.Content.ReadAsStringAsync();
        var secondText = await second.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstText, secondText);
        Assert.False(first.Headers.Contains(ParticipantHeaders.IdempotentReplayed));
        Assert.Equal("true", second.Headers.GetValues(ParticipantHeaders.IdempotentReplayed).Single());
    }

    [Fact]
    public async Task Debit_ConcurrentRepeats_AllReturnTheFirstResultAndDebitOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            accounts.DebitAsync("debit-concurrent", new DebitRequest("ACC-001", 10m, "T-1"))));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Single(results.Select(r => r.Value!.DebitTxId).Distinct());
        Assert.Equal(39, results.Count(r => r.Replayed));
        Assert.Equal(990.00m, (await host.GetAsync<AccountView>("/participants/accounts/ACC-001")).Balance);
        Assert.Single(await host.GetAsync<List<LedgerEntry>>("/participants/accounts/ACC-001/ledger"));
    }

    [Fact]
    public async Task Reserve_ConcurrentRepeats_ReserveOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var inventory = host.Client<InventoryClient>();

        var results = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ =>
            inventory.ReserveAsync("reserve-concurrent", new ReserveRequest("O-1", [new LineItem("ITEM-001", 3)]))));

        Assert.Single(results.Select(r => r.Value!.ReservationId).Distinct());
        Assert.Equal(new StockLevel("ITEM-001", 97, 3), await host.GetAsync<StockLevel>("/participants/inventory/ITEM-001"));
    }

    [Fact]
    public async Task Charge_SameKeyDifferentBody_IsRefusedWithIdempotencyKeyReused()
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var first = await host.PostAsync("/participants/payments/charge", "charge-1", new ChargeRequest("O-1", "C-1", 10m));
        using var second = await host.PostAsync("/participants/payments/charge", "charge-1", new ChargeRequest("O-1", "C-1", 20m));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await second.ProblemAsync(HttpStatusCode.Conflict, RejectionCodes.IdempotencyKeyReused);
        var payment = await first.ReadAsync<ChargeResponse>();
        Assert.Equal(10m, (await host.GetAsync<PaymentView>($"/participants/payments/{payment.PaymentId}")).Amount);
    }

    [Fact]
    public async Task Charge_SameKeyEquivalentJsonWithOtherFormatting_IsAReplay()
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var first = await host.PostRawAsync("/participants/payments/charge", "k", """{"orderId":"O-1","customerId":"C-1","amount":10}""");
        using var second = await host.PostRawAsync("/participants/payments/charge", "k", """{ "AMOUNT": 10.0, "customerId": "C-1", "orderId": "O-1" }""");

        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Contains(ParticipantHeaders.IdempotentReplayed));
    }

    [Fact]
    public async Task Charge_RejectionRepeated_ReplaysTheRejection()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var body = new ChargeRequest("O-1", "C-1", 900m);

        using var first = await host.PostAsync("/participants/payments/charge", "big", body);
        using var second = await host.PostAsync("/participants/payments/charge", "big", body);

        await first.ProblemAsync(HttpStatusCode.UnprocessableEntity, RejectionCodes.OverLimit);
        await second.ProblemAsync(HttpStatusCode.UnprocessableEntity, RejectionCodes.OverLimit);
        Assert.True(second.Headers.Contains(ParticipantHeaders.IdempotentReplayed));
    }

    [Fact]
    public async Task InvalidRequest_IsNotStored_SoTheKeyCanBeUsedAfterwards()
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var invalid = await host.PostAsync("/participants/payments/charge", "k", new ChargeRequest("O-1", "C-1", -1m));
        using var valid = await host.PostAsync("/participants/payments/charge", "k", new ChargeRequest("O-1", "C-1", 1m));

        await invalid.ValidationProblemAsync("amount");
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.False(valid.Headers.Contains(ParticipantHeaders.IdempotentReplayed));
    }

    [Fact]
    public async Task SameKey_OnDifferentOperations_IsIndependent()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();

        var debit = await accounts.DebitAsync("shared", new DebitRequest("ACC-001", 5m, "T"));
        var credit = await accounts.CreditAsync("shared", new CreditRequest("ACC-002", 5m, "T"));

        Assert.True(debit.Succeeded);
        Assert.True(credit.Succeeded);
        Assert.False(credit.Replayed);
        Assert.Equal(505.00m, (await host.GetAsync<AccountView>("/participants/accounts/ACC-002")).Balance);
    }

    [Fact]
    public async Task Refund_BeforeTheChargeArrives_MakesTheLateChargeARefusedNoOp()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var payments = host.Client<PaymentsClient>();

        var refund = await payments.RefundAsync("refund-1", new RefundRequest("charge-late"));
        var lateCharge = await payments.ChargeAsync("charge-late", new ChargeRequest("O-1", "C-1", 50m));

        Assert.True(refund.Succeeded);
        Assert.True(refund.Value.NothingToUndo);
        Assert.False(lateCharge.Succeeded);
        Assert.Equal(RejectionCodes.AlreadyCompensated, lateCharge.Code);
        Assert.Equal(HttpStatusCode.Conflict, (HttpStatusCode)lateCharge.StatusCode);
    }

    [Fact]
    public async Task Release_BeforeTheReservationArrives_KeepsTheStock()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var inventory = host.Client<InventoryClient>();

        await inventory.ReleaseAsync("release-1", new ReleaseRequest("reserve-late"));
        var late = await inventory.ReserveAsync("reserve-late", new ReserveRequest("O-1", [new LineItem("ITEM-002", 4)]));

        Assert.Equal(RejectionCodes.AlreadyCompensated, late.Code);
        Assert.Equal(new StockLevel("ITEM-002", 10, 0), await host.GetAsync<StockLevel>("/participants/inventory/ITEM-002"));
    }
}
