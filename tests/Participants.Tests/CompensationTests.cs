using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

/// <summary>Every compensation: undoes the original found by its idempotency key; never-done and twice are harmless successes.</summary>
public sealed class CompensationTests
{
    [Fact]
    public async Task Refund_AfterCharge_RefundsOnceThenAlreadyRefunded()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var payments = host.Client<PaymentsClient>();
        var charge = await payments.ChargeAsync("charge", new ChargeRequest("O-1", "C-1", 75m));

        var first = await payments.RefundAsync("refund-1", new RefundRequest("charge"));
        var second = await payments.RefundAsync("refund-2", new RefundRequest("charge"));

        Assert.Equal("refunded", first.Value!.Status);
        Assert.Equal(charge.Value!.PaymentId, first.Value.PaymentId);
        Assert.Equal(75m, first.Value.Amount);
        Assert.Equal("already_refunded", second.Value!.Status);
        Assert.False(second.Value.NothingToUndo);
        Assert.Equal("refunded", (await payments.GetPaymentAsync(charge.Value.PaymentId))!.Status);
    }

    [Fact]
    public async Task Refund_ChargeNeverMade_IsNothingToRefund()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<PaymentsClient>().RefundAsync("refund", new RefundRequest("no-such-charge"));

        Assert.True(result.Succeeded);
        Assert.Equal(new RefundResponse("nothing_to_refund", true, null, null, 0m), result.Value);
    }

    [Fact]
    public async Task Refund_ChargeWasRejected_IsNothingToRefund()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var payments = host.Client<PaymentsClient>();
        Assert.Equal(RejectionCodes.OverLimit, (await payments.ChargeAsync("charge", new ChargeRequest("O", "C", 501m))).Code);

        var result = await payments.RefundAsync("refund", new RefundRequest("charge"));

        Assert.Equal("nothing_to_refund", result.Value!.Status);
    }

    [Fact]
    public async Task Release_AfterReserve_RestoresStockOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var inventory = host.Client<InventoryClient>();
        await inventory.ReserveAsync("reserve", new ReserveRequest("O-1", [new LineItem("ITEM-001", 2), new LineItem("ITEM-002", 1)]));
        Assert.Equal(new StockLevel("ITEM-001", 98, 2), await inventory.GetStockAsync("ITEM-001"));

        var first = await inventory.ReleaseAsync("release-1", new ReleaseRequest("reserve"));
        var second = await inventory.ReleaseAsync("release-2", new ReleaseRequest("reserve"));

        Assert.Equal("released", first.Value!.Status);
        Assert.Equal("already_released", second.Value!.Status);
        Assert.Equal(new StockLevel("ITEM-001", 100, 0), await inventory.GetStockAsync("ITEM-001"));
        Assert.Equal(new StockLevel("ITEM-002", 10, 0), await inventory.GetStockAsync("ITEM-002"));
    }

    [Fact]
    public async Task Release_ReservationNeverMade_IsNothingToRelease()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<InventoryClient>().ReleaseAsync("release", new ReleaseRequest("unknown"));

        Assert.Equal("nothing_to_release", result.Value!.Status);
        Assert.True(result.Value.NothingToUndo);
    }

    [Fact]
    public async Task Cancel_AfterCreate_CancelsOnceThenAlreadyCancelled()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var shipping = host.Client<ShippingClient>();
        var shipment = await shipping.CreateAsync("ship", new CreateShipmentRequest("O-1", "C-1", [new LineItem("ITEM-001", 1)]));

        var first = await shipping.CancelAsync("cancel-1", new CancelShipmentRequest("ship"));
        var second = await shipping.CancelAsync("cancel-2", new CancelShipmentRequest("ship"));
        var never = await shipping.CancelAsync("cancel-3", new CancelShipmentRequest("never"));

        Assert.Equal("cancelled", first.Value!.Status);
        Assert.Equal("already_cancelled", second.Value!.Status);
        Assert.Equal("nothing_to_cancel", never.Value!.Status);
        Assert.Equal("cancelled", (await shipping.GetShipmentAsync(shipment.Value!.ShipmentId))!.Status);
    }

    [Fact]
    public async Task Reverse_Debit_RestoresBalanceOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();
        var debit = await accounts.DebitAsync("debit", new DebitRequest("ACC-001", 150m, "T-1"));

        var first = await accounts.ReverseAsync("reverse-1", new ReverseRequest(DebitKey: "debit"));
        var second = await accounts.ReverseAsync("reverse-2", new ReverseRequest(DebitKey: "debit"));

        Assert.Equal("reversed", first.Value!.Status);
        Assert.Equal(debit.Value!.DebitTxId, first.Value.ReversedTxId);
        Assert.Equal(1000.00m, first.Value.Balance);
        Assert.Equal("already_reversed", second.Value!.Status);
        Assert.Equal(first.Value.ReversalTxId, second.Value.ReversalTxId);
        Assert.Equal(1000.00m, (await accounts.GetAccountAsync("ACC-001"))!.Balance);
    }

    [Fact]
    public async Task Reverse_Credit_TakesTheCreditBack()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();
        await accounts.CreditAsync("credit", new CreditRequest("ACC-002", 40m, "T-1"));

        var result = await accounts.ReverseAsync("reverse", new ReverseRequest(CreditKey: "credit"));

        Assert.Equal("reversed", result.Value!.Status);
        Assert.Equal(-40m, result.Value.Amount);
        Assert.Equal(500.00m, (await accounts.GetAccountAsync("ACC-002"))!.Balance);
    }

    [Fact]
    public async Task Reverse_CreditAlreadySpent_IsRejectedWithInsufficientFunds()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();
        await accounts.CreditAsync("credit", new CreditRequest("ACC-002", 40m, "T-1"));
        await accounts.DebitAsync("spend", new DebitRequest("ACC-002", 540m, "T-2"));

        var result = await accounts.ReverseAsync("reverse", new ReverseRequest(CreditKey: "credit"));

        Assert.Equal(RejectionCodes.InsufficientFunds, result.Code);
        Assert.Equal(0.00m, (await accounts.GetAccountAsync("ACC-002"))!.Balance);
    }

    [Fact]
    public async Task Reverse_RejectedThenRetriedWithNewKeyAfterRefill_ReversesTheCreditOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();
        var credit = await CreditThenSpendAllAsync(accounts);
        var rejected = await accounts.ReverseAsync("saga:credit:undo", new ReverseRequest(CreditKey: "saga:credit"));
        await accounts.CreditAsync("refill", new CreditRequest("ACC-003", 100m, "T-3"));

        var sameKey = await accounts.ReverseAsync("saga:credit:undo", new ReverseRequest(CreditKey: "saga:credit"));
        var retried = await accounts.ReverseAsync("saga:credit:undo:retry-1", new ReverseRequest(CreditKey: "saga:credit"));
        var twice = await accounts.ReverseAsync("saga:credit:undo:retry-2", new ReverseRequest(CreditKey: "saga:credit"));

        Assert.Equal(RejectionCodes.InsufficientFunds, rejected.Code);
        Assert.Equal((RejectionCodes.InsufficientFunds, true), (sameKey.Code, sameKey.Replayed));
        Assert.Equal(("reversed", credit.Value!.CreditTxId, -100m, 0.00m), (retried.Value!.Status, retried.Value.ReversedTxId, retried.Value.Amount, retried.Value.Balance));
        Assert.Equal(("already_reversed", retried.Value.ReversalTxId), (twice.Value!.Status, twice.Value.ReversalTxId));
        Assert.Equal(0.00m, (await accounts.GetAccountAsync("ACC-003"))!.Balance);
        Assert.Single((await accounts.GetLedgerAsync("ACC-003"))!, e => e.Kind == "reversal");
    }

    [Fact]
    public async Task Reverse_Rejected_LeavesTheOriginalUncompensated()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();
        var credit = await CreditThenSpendAllAsync(accounts);
        Assert.Equal(RejectionCodes.InsufficientFunds, (await accounts.ReverseAsync("undo", new ReverseRequest(CreditKey: "saga:credit"))).Code);

        var original = await accounts.CreditAsync("saga:credit", new CreditRequest("ACC-003", 100m, "T-1"));

        Assert.Equal((true, true, credit.Value), (original.Succeeded, original.Replayed, original.Value));
        Assert.DoesNotContain((await accounts.GetLedgerAsync("ACC-003"))!, e => e.Kind == "reversal");
    }

    [Fact]
    public async Task Reverse_NothingDebited_IsNothingToReverse()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<AccountsClient>().ReverseAsync("reverse", new ReverseRequest(DebitKey: "never"));

        Assert.Equal("nothing_to_reverse", result.Value!.Status);
        Assert.True(result.Value.NothingToUndo);
    }

    [Fact]
    public async Task Reverse_RejectedDebit_IsNothingToReverse()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();
        Assert.Equal(RejectionCodes.InsufficientFunds, (await accounts.DebitAsync("debit", new DebitRequest("ACC-002", 999m, "T"))).Code);

        var result = await accounts.ReverseAsync("reverse", new ReverseRequest(DebitKey: "debit"));

        Assert.Equal("nothing_to_reverse", result.Value!.Status);
        Assert.Equal(500.00m, (await accounts.GetAccountAsync("ACC-002"))!.Balance);
    }

    [Fact]
    public async Task ReleaseSeats_AfterHold_FreesSeatsOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var seats = host.Client<SeatsClient>();
        await seats.HoldAsync("hold", new HoldSeatsRequest("EVT-001", ["A1", "A2"], "C-1", "B-1"));

        var first = await seats.ReleaseAsync("release-1", new ReleaseSeatsRequest("hold"));
        var second = await seats.ReleaseAsync("release-2", new ReleaseSeatsRequest("hold"));
        var never = await seats.ReleaseAsync("release-3", new ReleaseSeatsRequest("never"));

        Assert.Equal("released", first.Value!.Status);
        Assert.Equal(["A1", "A2"], first.Value.SeatIds);
        Assert.Equal("already_released", second.Value!.Status);
        Assert.Equal("nothing_to_release", never.Value!.Status);
        Assert.All((await seats.GetSeatsAsync("EVT-001"))!.Seats, s => Assert.Equal("free", s.State));
    }

    [Fact]
    public async Task ReleaseSeats_AfterConfirm_FreesTheSoldSeats()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var seats = host.Client<SeatsClient>();
        await seats.HoldAsync("hold", new HoldSeatsRequest("EVT-001", ["A5"], "C-1", "B-1"));
        await seats.ConfirmAsync("confirm", new ConfirmSeatsRequest("hold", "pay_1"));

        var result = await seats.ReleaseAsync("release", new ReleaseSeatsRequest("hold"));

        Assert.Equal("released", result.Value!.Status);
        Assert.Equal("free", (await seats.GetSeatsAsync("EVT-001"))!.Seats.Single(s => s.SeatId == "A5").State);
    }

    [Fact]
    public async Task Rollback_AfterDeploy_RestoresPreviousVersionOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var environments = host.Client<EnvironmentsClient>();
        await environments.DeployAsync("deploy", new DeployRequest("D-1", "production", "2.0.0", "app:2.0.0"));
        Assert.Equal("2.0.0", (await environments.GetEnvironmentAsync("production"))!.Version);

        var first = await environments.RollbackAsync("rollback-1", new RollbackRequest("deploy"));
        var second = await environments.RollbackAsync("rollback-2", new RollbackRequest("deploy"));
        var never = await environments.RollbackAsync("rollback-3", new RollbackRequest("never"));

        Assert.Equal(new RollbackResponse("rolled_back", false, "production", "1.0.0"), first.Value);
        Assert.Equal("already_rolled_back", second.Value!.Status);
        Assert.Equal("nothing_to_roll_back", never.Value!.Status);
        Assert.Equal("1.0.0", (await environments.GetEnvironmentAsync("production"))!.Version);
    }

    [Fact]
    public async Task RefundClaim_AfterPay_RefundsOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var claims = host.Client<ClaimsClient>();
        await claims.ValidateAsync("validate", new ValidateClaimRequest("CL-1", "POL-1", "C-1", 1000m, "broken arm"));
        var pay = await claims.PayAsync("pay", new PayClaimRequest("CL-1", "C-1", 1000m));

        var first = await claims.RefundAsync("refund-1", new RefundClaimRequest("pay"));
        var second = await claims.RefundAsync("refund-2", new RefundClaimRequest("pay"));
        var never = await claims.RefundAsync("refund-3", new RefundClaimRequest("never"));

        Assert.Equal(new RefundClaimResponse("refunded", false, pay.Value!.PaymentId), first.Value);
        Assert.Equal("already_refunded", second.Value!.Status);
        Assert.Equal("nothing_to_refund", never.Value!.Status);
    }

    [Fact]
    public async Task DualWriteOff_UnknownMigration_IsAHarmlessSuccess()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<MigrationClient>().SetDualWriteAsync("off", new DualWriteRequest("M-404", "svc", false));

        Assert.Equal(new DualWriteResponse("M-404", false), result.Value);
        Assert.Null(await host.Client<MigrationClient>().GetProgressAsync("M-404"));
    }

    /// <summary>Credits ACC-003 (750.00) with 100.00 under <c>saga:credit</c>, then spends all 850.00 of it.</summary>
    private static async Task<ParticipantResult<CreditResponse>> CreditThenSpendAllAsync(AccountsClient accounts)
    {
        var credit = await accounts.CreditAsync("saga:credit", new CreditRequest("ACC-003", 100m, "T-1"));
        Assert.Equal(0.00m, (await accounts.DebitAsync("spend", new DebitRequest("ACC-003", 850m, "T-2"))).Value!.Balance);
        return credit;
    }
}
