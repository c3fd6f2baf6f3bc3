using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Sagas.DeadLetters;
using SagaFunctions.Sagas.MoneyTransfer;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Integration;

public class MoneyTransferSagaTests
{
    private const string Id = "transfer-1";

    /// <summary>ACC-001 1000.00 + ACC-002 500.00 + ACC-003 750.00.</summary>
    private const decimal SeedTotal = 2250.00m;

    private static TransferRequest Transfer(string from = "ACC-001", string to = "ACC-002", decimal amount = 100m) => new("tr-1", from, to, amount);

    private static async Task<decimal[]> BalancesAsync(SagaHarness h)
    {
        var balances = new List<decimal>();
        foreach (var id in new[] { "ACC-001", "ACC-002", "ACC-003" })
        {
            balances.Add((await h.Accounts.GetAccountAsync(id))!.Balance);
        }

        return [.. balances];
    }

    [Fact]
    public async Task Run_EnoughFunds_CompletedAndMoneyMoved()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<TransferResult>(nameof(MoneyTransferSaga), Transfer(), Id);

        Assert.Equal("completed", result.Status);
        Assert.NotNull(result.DebitTxId);
        Assert.NotNull(result.CreditTxId);
        Assert.NotNull(result.TransactionId);
        Assert.Equal([900m, 600m, 750m], await BalancesAsync(h));
        var recorded = (await h.Accounts.GetTransactionAsync("tr-1"))!;
        Assert.Equal(result.TransactionId, recorded.TransactionId);
        Assert.Equal([result.DebitTxId, result.CreditTxId], [recorded.DebitTxId, recorded.CreditTxId]);
    }

    [Fact]
    public async Task Run_InsufficientFunds_NothingToUndo()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<TransferResult>(nameof(MoneyTransferSaga), Transfer("ACC-002", "ACC-001", 500.01m), Id);

        Assert.Equal("insufficient_funds", result.Status);
        Assert.Equal("insufficient_funds", result.Error?.Code);
        Assert.Empty(result.Compensations);
        Assert.Equal(["DebitAccount"], h.Calls);
        Assert.Equal([1000m, 500m, 750m], await BalancesAsync(h));
    }

    [Fact]
    public async Task Run_UnknownSourceAccount_FailedWithCode()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<TransferResult>(nameof(MoneyTransferSaga), Transfer(from: "ACC-999"), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal("unknown_account", result.Error?.Code);
        Assert.Empty(result.Compensations);
        Assert.Equal(SeedTotal, (await BalancesAsync(h)).Sum());
    }

    [Fact]
    public async Task Run_UnknownDestination_ReversesDebit()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<TransferResult>(nameof(MoneyTransferSaga), Transfer(to: "ACC-999"), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal("unknown_account", result.Error?.Code);
        Assert.Equal(["ReverseDebit"], result.Compensations.Select(c => c.Activity));
        Assert.Equal([1000m, 500m, 750m], await BalancesAsync(h));
    }

    [Fact]
    public async Task Run_DebitKeepsFailing_ReversesByKeyAndConservesMoney()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("accounts", "debit");

        var result = await h.RunAsync<TransferResult>(nameof(MoneyTransferSaga), Transfer(), Id);

        Assert.Equal("failed", result.Status);
        var reverse = Assert.Single(result.Compensations);
        Assert.Equal("ReverseDebit", reverse.Activity);
        Assert.True(reverse.StepWasInDoubt);
        Assert.Equal([1000m, 500m, 750m], await BalancesAsync(h));
    }

    [Fact]
    public async Task Run_CreditKeepsFailing_ReversesCreditThenDebit()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("accounts", "credit");

        var result = await h.RunAsync<TransferResult>(nameof(MoneyTransferSaga), Transfer(), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal(["ReverseCredit", "ReverseDebit"], result.Compensations.Select(c => c.Activity));
        Assert.Equal([1000m, 500m, 750m], await BalancesAsync(h));
    }

    [Fact]
    public async Task Run_RecordKeepsFailing_ReversesCreditAndDebit()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("accounts", "record");

        var result = await h.RunAsync<TransferResult>(nameof(MoneyTransferSaga), Transfer(), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal("RecordTransaction", result.Error?.Step);
        Assert.Equal(["ReverseCredit", "ReverseDebit"], result.Compensations.Select(c => c.Activity));
        Assert.Equal([1000m, 500m, 750m], await BalancesAsync(h));
        Assert.Null(result.TransactionId);
    }

    [Fact]
    public async Task RetryDeadLetter_AfterFaultCleared_ReversesDebitAndConservesMoney()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("accounts", "credit");
        await h.FailAsync("accounts", "reverse");

        var result = await h.RunAsync<TransferResult>(nameof(MoneyTransferSaga), Transfer(), Id);

        Assert.Equal(SagaPhase.CompensationFailed, result.Phase);
        Assert.Equal(2, result.DeadLetters.Count);
        Assert.Equal(900m + 500m + 750m, (await BalancesAsync(h)).Sum());

        await h.ClearFaultsAsync();
        foreach (var deadLetter in result.DeadLetters)
        {
            var retry = await h.RunAsync<DeadLetterRetryResult>(nameof(RetryDeadLetter), deadLetter, $"retry-{deadLetter}");
            Assert.Equal(DeadLetterRetryResult.Resolved, retry.Status);
            Assert.Equal(DeadLetterStatus.Resolved, (await h.DeadLetters.GetAsync(deadLetter, CancellationToken.None))!.Status);
        }

        Assert.Equal([1000m, 500m, 750m], await BalancesAsync(h));
    }

    [Fact]
    public async Task Run_CancelDuringCreditRetry_ReversesBothAndCancels()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("accounts", "credit");
        await h.StartAsync(nameof(MoneyTransferSaga), Transfer(), Id);

        await h.RaiseAsync(Id, Saga.CancelEventName, new CancelRequest("duplicate transfer"));
        var result = await h.OutputAsync<TransferResult>(Id);

        Assert.Equal("cancelled", result.Status);
        Assert.Equal(SagaPhase.Cancelled, result.Phase);
        Assert.Equal(["ReverseCredit", "ReverseDebit"], result.Compensations.Select(c => c.Activity));
        Assert.Equal([1000m, 500m, 750m], await BalancesAsync(h));
    }
}
