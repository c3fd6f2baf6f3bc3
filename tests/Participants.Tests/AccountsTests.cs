using System.Net;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class AccountsTests
{
    [Fact]
    public async Task Debit_ReturnsTxIdAndNewBalance()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<AccountsClient>().DebitAsync("d", new DebitRequest("ACC-001", 150m, "T-1"));

        Assert.StartsWith("dtx_", result.Value!.DebitTxId, StringComparison.Ordinal);
        Assert.Equal(850.00m, result.Value.Balance);
    }

    [Fact]
    public async Task Debit_MoreThanTheBalance_IsInsufficientFunds422()
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var response = await host.PostAsync("/participants/accounts/debit", "d", new DebitRequest("ACC-002", 500.01m, "T-1"));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, RejectionCodes.InsufficientFunds);
        Assert.Equal(500.00m, (await host.GetAsync<AccountView>("/participants/accounts/ACC-002")).Balance);
    }

    [Fact]
    public async Task Debit_WholeBalance_LeavesZero()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<AccountsClient>().DebitAsync("d", new DebitRequest("ACC-002", 500m, "T-1"));

        Assert.Equal(0.00m, result.Value!.Balance);
    }

    [Theory]
    [InlineData("debit")]
    [InlineData("credit")]
    public async Task DebitOrCredit_UnknownAccount_IsUnknownAccount422(string operation)
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var response = await host.PostAsync($"/participants/accounts/{operation}", "k", new DebitRequest("ACC-404", 1m, "T-1"));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, RejectionCodes.UnknownAccount);
    }

    [Fact]
    public async Task Transfer_DebitCreditRecord_MovesMoneyAndRecordsIt()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();

        var debit = (await accounts.DebitAsync("T-1:debit", new DebitRequest("ACC-001", 150m, "T-1"))).Value!;
        var credit = (await accounts.CreditAsync("T-1:credit", new CreditRequest("ACC-002", 150m, "T-1"))).Value!;
        var record = await accounts.RecordAsync("T-1:record", new RecordTransactionRequest("T-1", "ACC-001", "ACC-002", 150m, debit.DebitTxId, credit.CreditTxId));
        var again = await accounts.RecordAsync("T-1:record-again", new RecordTransactionRequest("T-1", "ACC-001", "ACC-002", 150m, debit.DebitTxId, credit.CreditTxId));

        Assert.StartsWith("txn_", record.Value!.TransactionId, StringComparison.Ordinal);
        Assert.Equal(record.Value.TransactionId, again.Value!.TransactionId);
        Assert.Equal(650.00m, credit.Balance);
        Assert.Equal(850.00m, (await accounts.GetAccountAsync("ACC-001"))!.Balance);
        var transaction = await accounts.GetTransactionAsync("T-1");
        Assert.Equal((debit.DebitTxId, credit.CreditTxId, 150m), (transaction!.DebitTxId, transaction.CreditTxId, transaction.Amount));
        var ledger = (await accounts.GetLedgerAsync("ACC-001"))!;
        Assert.Equal(("debit", -150m, 850m, "T-1"), (ledger[0].Kind, ledger[0].Amount, ledger[0].BalanceAfter, ledger[0].TransferId));
    }

    [Fact]
    public async Task Record_UnknownLedgerEntries_IsUnknownTransaction()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<AccountsClient>().RecordAsync("r", new RecordTransactionRequest("T-1", "ACC-001", "ACC-002", 10m, "dtx_x", "ctx_y"));

        Assert.Equal(RejectionCodes.UnknownTransaction, result.Code);
    }

    [Fact]
    public async Task Record_EntriesOfAnotherTransfer_IsUnknownTransaction()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();
        var debit = (await accounts.DebitAsync("d", new DebitRequest("ACC-001", 10m, "T-1"))).Value!;
        var credit = (await accounts.CreditAsync("c", new CreditRequest("ACC-002", 10m, "T-1"))).Value!;

        var result = await accounts.RecordAsync("r", new RecordTransactionRequest("T-1", "ACC-001", "ACC-003", 10m, debit.DebitTxId, credit.CreditTxId));

        Assert.Equal(RejectionCodes.UnknownTransaction, result.Code);
        Assert.Null(await accounts.GetTransactionAsync("T-1"));
    }

    [Fact]
    public async Task Record_SameTransferIdWithOtherLegs_IsTransferConflict409()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();
        var first = await TransferLegsAsync(accounts, "saga-1", "ACC-001", "ACC-003", 100m);
        var second = await TransferLegsAsync(accounts, "saga-2", "ACC-001", "ACC-003", 100m);
        var recorded = await accounts.RecordAsync("saga-1:record", first);

        using var response = await host.PostAsync("/participants/accounts/record", "saga-2:record", second);

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict, RejectionCodes.TransferConflict);
        Assert.Contains(second.DebitTxId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var transaction = (await accounts.GetTransactionAsync("T-1"))!;
        Assert.Equal((recorded.Value!.TransactionId, first.DebitTxId, first.CreditTxId), (transaction.TransactionId, transaction.DebitTxId, transaction.CreditTxId));
    }

    [Fact]
    public async Task Record_TransferConflict_IsABusinessRejectionAndCompensationConservesMoney()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();
        await accounts.RecordAsync("saga-1:record", await TransferLegsAsync(accounts, "saga-1", "ACC-001", "ACC-003", 100m));
        var second = await TransferLegsAsync(accounts, "saga-2", "ACC-001", "ACC-003", 100m);

        var result = await accounts.RecordAsync("saga-2:record", second);
        var again = await accounts.RecordAsync("saga-2:record", second);
        var debitUndone = await accounts.ReverseAsync("saga-2:debit:undo", new ReverseRequest(DebitKey: "saga-2:debit"));
        var creditUndone = await accounts.ReverseAsync("saga-2:credit:undo", new ReverseRequest(CreditKey: "saga-2:credit"));

        Assert.Equal((false, RejectionCodes.TransferConflict, 409), (result.Succeeded, result.Code, result.StatusCode));
        Assert.Equal((RejectionCodes.TransferConflict, true), (again.Code, again.Replayed));
        Assert.Equal(("reversed", "reversed"), (debitUndone.Value!.Status, creditUndone.Value!.Status));
        var balances = await host.GetAsync<List<AccountView>>("/participants/accounts");
        Assert.Equal([900.00m, 500.00m, 850.00m], balances.Select(a => a.Balance));
        Assert.Equal(2250.00m, balances.Sum(a => a.Balance));
    }

    [Fact]
    public async Task Record_SameKeyAndRequest_ReplaysTheFirstAnswer()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();
        var legs = await TransferLegsAsync(accounts, "saga-1", "ACC-001", "ACC-002", 10m);

        var first = await accounts.RecordAsync("saga-1:record", legs);
        var replay = await accounts.RecordAsync("saga-1:record", legs);

        Assert.Equal((false, true), (first.Replayed, replay.Replayed));
        Assert.Equal(first.Value, replay.Value);
    }

    [Theory]
    [InlineData("amount", RejectionCodes.TransferConflict, 409)]
    [InlineData("transferId", RejectionCodes.UnknownTransaction, 422)]
    public async Task Record_RecordedLegsWithAChangedField_IsRejected(string field, string code, int status)
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();
        var legs = await TransferLegsAsync(accounts, "saga-1", "ACC-001", "ACC-002", 10m);
        await accounts.RecordAsync("saga-1:record", legs);

        var result = await accounts.RecordAsync("saga-1:record-2", field == "amount" ? legs with { Amount = 20m } : legs with { TransferId = "T-2" });

        Assert.Equal((code, status), (result.Code, result.StatusCode));
        Assert.Null(await accounts.GetTransactionAsync("T-2"));
        Assert.Equal(10m, (await accounts.GetTransactionAsync("T-1"))!.Amount);
    }

    [Fact]
    public async Task ListAccounts_ShowsAllThree()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var all = await host.GetAsync<List<AccountView>>("/participants/accounts");

        Assert.Equal(["ACC-001", "ACC-002", "ACC-003"], all.Select(a => a.Id));
        Assert.Equal(2250.00m, all.Sum(a => a.Balance));
    }

    /// <summary>Debits and credits transfer T-1 under one saga's keys; returns the matching record request.</summary>
    private static async Task<RecordTransactionRequest> TransferLegsAsync(AccountsClient accounts, string saga, string from, string to, decimal amount)
    {
        var debit = (await accounts.DebitAsync(saga + ":debit", new DebitRequest(from, amount, "T-1"))).Value!;
        var credit = (await accounts.CreditAsync(saga + ":credit", new CreditRequest(to, amount, "T-1"))).Value!;
        return new RecordTransactionRequest("T-1", from, to, amount, debit.DebitTxId, credit.CreditTxId);
    }
}
