using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Accounts;

/// <summary>
/// Accounts: balances and an append-only ledger. Debit, credit and reverse each change one balance and append one
/// ledger entry in the same transaction, so every balance always equals its seed plus the sum of its entries; a
/// transfer (debit + credit), completed or compensated (reversed), conserves the sum of all balances.
/// </summary>
internal sealed class AccountsService : IDisposable
{
    public const string Debit = "debit";
    public const string Credit = "credit";
    public const string Reverse = "reverse";
    public const string Record = "record";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS accounts (
            account_id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            opening_cents INTEGER NOT NULL,
            balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0));
        CREATE TABLE IF NOT EXISTS ledger (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            tx_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            op_key TEXT NULL,
            account_id TEXT NOT NULL REFERENCES accounts (account_id),
            amount_cents INTEGER NOT NULL,
            balance_after_cents INTEGER NOT NULL,
            transfer_id TEXT NULL,
            reverses_tx_id TEXT NULL UNIQUE,
            created_at TEXT NOT NULL,
            UNIQUE (kind, op_key));
        CREATE TABLE IF NOT EXISTS transactions (
            transaction_id TEXT PRIMARY KEY,
            record_key TEXT NOT NULL UNIQUE,
            transfer_id TEXT NOT NULL UNIQUE,
            from_account TEXT NOT NULL,
            to_account TEXT NOT NULL,
            amount_cents INTEGER NOT NULL,
            debit_tx_id TEXT NOT NULL,
            credit_tx_id TEXT NOT NULL,
            recorded_at TEXT NOT NULL);
        """;

    private const string LedgerColumns = "sequence, tx_id, account_id, kind, amount_cents, balance_after_cents, transfer_id, reverses_tx_id, created_at";
    private const string TransactionColumns = "transaction_id, transfer_id, from_account, to_account, amount_cents, debit_tx_id, credit_tx_id, recorded_at";

    public AccountsService(IOptions<ParticipantsOptions> options) =>
        Database = new ParticipantDatabase(ParticipantCatalog.Accounts, options.Value, Schema, Seed);

    public ParticipantDatabase Database { get; }

    public static void ValidateDebit(DebitRequest request, ValidationErrors errors) =>
        errors.Required("accountId", request.AccountId).Positive("amount", request.Amount).Required("transferId", request.TransferId);

    public static void ValidateCredit(CreditRequest request, ValidationErrors errors) =>
        errors.Required("accountId", request.AccountId).Positive("amount", request.Amount).Required("transferId", request.TransferId);

    public static void ValidateReverse(ReverseRequest request, ValidationErrors errors)
    {
        var hasDebit = !string.IsNullOrWhiteSpace(request.DebitKey);
        var hasCredit = !string.IsNullOrWhiteSpace(request.CreditKey);
        if (hasDebit == hasCredit)
        {
            errors.Add(hasDebit ? "creditKey" : "debitKey", "Give exactly one of debitKey and creditKey.");
        }
        else
        {
            errors.Required(hasDebit ? "debitKey" : "creditKey", hasDebit ? request.DebitKey : request.CreditKey, 256);
        }
    }

    public static void ValidateRecord(RecordTransactionRequest request, ValidationErrors errors)
    {
        errors.Required("transferId", request.TransferId)
            .Required("fromAccount", request.FromAccount)
            .Required("toAccount", request.ToAccount)
            .Positive("amount", request.Amount)
            .Required("debitTxId", request.DebitTxId)
            .Required("creditTxId", request.CreditTxId);
        if (!string.IsNullOrWhiteSpace(request.FromAccount) && string.Equals(request.FromAccount, request.ToAccount, StringComparison.Ordinal))
        {
            errors.Add("toAccount", "The toAccount field must differ from fromAccount.");
        }
    }

    public Outcome ExecuteDebit(OperationContext context, DebitRequest request)
    {
        var balance = ReadBalance(context.Transaction, request.AccountId);
        if (balance is null)
        {
            return Outcome.Unprocessable(RejectionCodes.UnknownAccount, $"Account '{request.AccountId}' does not exist.");
        }

        var cents = Money.ToCents(request.Amount);
        if (balance.Value < cents)
        {
            return Outcome.Unprocessable(
                RejectionCodes.InsufficientFunds,
                $"Account '{request.AccountId}' has {Money.FromCents(balance.Value):0.00}, less than {request.Amount:0.00}.");
        }

        var txId = Ids.New("dtx");
        var after = Post(context, txId, Debit, context.IdempotencyKey, request.AccountId, -cents, request.TransferId, null);
        return Outcome.Ok(new DebitResponse(txId, request.AccountId, request.Amount, Money.FromCents(after)));
    }

    public Outcome ExecuteCredit(OperationContext context, CreditRequest request)
    {
        if (ReadBalance(context.Transaction, request.AccountId) is null)
        {
            return Outcome.Unprocessable(RejectionCodes.UnknownAccount, $"Account '{request.AccountId}' does not exist.");
        }

        var txId = Ids.New("ctx");
        var after = Post(context, txId, Credit, context.IdempotencyKey, request.AccountId, Money.ToCents(request.Amount), request.TransferId, null);
        return Outcome.Ok(new CreditResponse(txId, request.AccountId, request.Amount, Money.FromCents(after)));
    }

    public Outcome ExecuteReverse(OperationContext context, ReverseRequest request)
    {
        var (kind, key) = string.IsNullOrWhiteSpace(request.DebitKey) ? (Credit, request.CreditKey!) : (Debit, request.DebitKey);
        var original = context.Transaction.Single(
            $"SELECT {LedgerColumns} FROM ledger WHERE kind = $kind AND op_key = $key",
            MapLedger,
            ("$kind", kind),
            ("$key", key));
        if (original is null)
        {
            context.Tombstone(kind, key, "reverse " + context.IdempotencyKey);
            return Outcome.Ok(new ReverseResponse("nothing_to_reverse", true, null, null, null, 0m, null));
        }

        var existing = context.Transaction.Single(
            $"SELECT {LedgerColumns} FROM ledger WHERE reverses_tx_id = $tx",
            MapLedger,
            ("$tx", original.TxId));
        var undoAmount = -original.Amount;
        if (existing is not null)
        {
            var current = ReadBalance(context.Transaction, original.AccountId) ?? 0;
            return Outcome.Ok(new ReverseResponse("already_reversed", false, existing.TxId, original.TxId, original.AccountId, undoAmount, Money.FromCents(current)));
        }

        var balance = ReadBalance(context.Transaction, original.AccountId) ?? 0;
        var undoCents = Money.ToCents(undoAmount);
        if (balance + undoCents < 0)
        {
            return Outcome.Unprocessable(
                RejectionCodes.InsufficientFunds,
                $"Reversing {original.TxId} needs {-undoAmount:0.00} but account '{original.AccountId}' has {Money.FromCents(balance):0.00}.");
        }

        var reversalId = Ids.New("rtx");
        var after = Post(context, reversalId, "reversal", null, original.AccountId, undoCents, original.TransferId, original.TxId);
        return Outcome.Ok(new ReverseResponse("reversed", false, reversalId, original.TxId, original.AccountId, undoAmount, Money.FromCents(after)));
    }

    public Outcome ExecuteRecord(OperationContext context, RecordTransactionRequest request)
    {
        var existing = context.Transaction.Single(
            $"SELECT {TransactionColumns} FROM transactions WHERE transfer_id = $transfer",
            MapTransaction,
            ("$transfer", request.TransferId));
        if (existing is not null)
        {
            return IsSameTransfer(existing, request)
                ? Outcome.Ok(new RecordTransactionResponse(existing.TransactionId, existing.TransferId, existing.RecordedAt))
                : Outcome.Conflict(
                    RejectionCodes.TransferConflict,
                    $"Transfer '{request.TransferId}' is already recorded as {existing.TransactionId} (debit {existing.DebitTxId}, credit {existing.CreditTxId}, "
                    + $"{existing.FromAccount} → {existing.ToAccount} {existing.Amount:0.00}); this request names debit {request.DebitTxId}, credit {request.CreditTxId}, "
                    + $"{request.FromAccount} → {request.ToAccount} {request.Amount:0.00}.");
        }

        var debit = context.Transaction.Single($"SELECT {LedgerColumns} FROM ledger WHERE tx_id = $tx AND kind = 'debit'", MapLedger, ("$tx", request.DebitTxId));
        var credit = context.Transaction.Single($"SELECT {LedgerColumns} FROM ledger WHERE tx_id = $tx AND kind = 'credit'", MapLedger, ("$tx", request.CreditTxId));
        if (debit is null || credit is null)
        {
            var missing = debit is null ? $"debit '{request.DebitTxId}'" : $"credit '{request.CreditTxId}'";
            return Outcome.Unprocessable(RejectionCodes.UnknownTransaction, $"The ledger has no {missing}.");
        }

        if (debit.AccountId != request.FromAccount || credit.AccountId != request.ToAccount || -debit.Amount != request.Amount || credit.Amount != request.Amount
            || debit.TransferId != request.TransferId || credit.TransferId != request.TransferId)
        {
            return Outcome.Unprocessable(
                RejectionCodes.UnknownTransaction,
                $"The ledger entries ({debit.AccountId} {debit.Amount:0.00} of '{debit.TransferId}', {credit.AccountId} {credit.Amount:0.00} of '{credit.TransferId}') "
                + $"do not match the transfer '{request.TransferId}' {request.FromAccount} → {request.ToAccount} {request.Amount:0.00}.");
        }

        var transactionId = Ids.New("txn");
        context.Transaction.Execute(
            $"""
            INSERT INTO transactions ({TransactionColumns}, record_key)
            VALUES ($id, $transfer, $from, $to, $cents, $debit, $credit, $at, $key)
            """,
            ("$id", transactionId),
            ("$transfer", request.TransferId),
            ("$from", request.FromAccount),
            ("$to", request.ToAccount),
            ("$cents", Money.ToCents(request.Amount)),
            ("$debit", request.DebitTxId),
            ("$credit", request.CreditTxId),
            ("$at", Timestamps.Format(context.Now)),
            ("$key", context.IdempotencyKey));
        return Outcome.Ok(new RecordTransactionResponse(transactionId, request.TransferId, context.Now));
    }

    public Task<AccountView?> GetAsync(string accountId, CancellationToken cancellationToken) =>
        Database.ReadAsync(
            tx => tx.Single("SELECT account_id, owner, balance_cents FROM accounts WHERE account_id = $id", MapAccount, ("$id", accountId)),
            cancellationToken);

    public Task<List<AccountView>> ListAsync(CancellationToken cancellationToken) =>
        Database.ReadAsync(tx => tx.List("SELECT account_id, owner, balance_cents FROM accounts ORDER BY account_id", MapAccount), cancellationToken);

    /// <summary>The account's ledger, oldest first; null when the account is unknown.</summary>
    public Task<List<LedgerEntry>?> LedgerAsync(string accountId, CancellationToken cancellationToken) =>
        Database.ReadAsync(
            tx => ReadBalance(tx, accountId) is null
                ? null
                : tx.List($"SELECT {LedgerColumns} FROM ledger WHERE account_id = $id ORDER BY sequence", MapLedger, ("$id", accountId)),
            cancellationToken);

    public Task<TransactionView?> TransactionAsync(string transferId, CancellationToken cancellationToken) =>
        Database.ReadAsync(
            tx => tx.Single($"SELECT {TransactionColumns} FROM transactions WHERE transfer_id = $transfer", MapTransaction, ("$transfer", transferId)),
            cancellationToken);

    public void Dispose() => Database.Dispose();

    /// <summary>A transfer id is recorded once: the same legs again are a replay, other legs are a conflict.</summary>
    private static bool IsSameTransfer(TransactionView existing, RecordTransactionRequest request) =>
        existing.DebitTxId == request.DebitTxId
        && existing.CreditTxId == request.CreditTxId
        && existing.FromAccount == request.FromAccount
        && existing.ToAccount == request.ToAccount
        && existing.Amount == request.Amount;

    private static long? ReadBalance(SqliteTransaction transaction, string accountId) =>
        transaction.Value<long>("SELECT balance_cents FROM accounts WHERE account_id = $id", ("$id", accountId));

    /// <summary>Changes a balance and appends the matching ledger entry; returns the new balance in cents.</summary>
    private static long Post(OperationContext context, string txId, string kind, string? opKey, string accountId, long cents, string? transferId, string? reverses)
    {
        context.Transaction.Execute(
            "UPDATE accounts SET balance_cents = balance_cents + $cents WHERE account_id = $id",
            ("$cents", cents),
            ("$id", accountId));
        var after = ReadBalance(context.Transaction, accountId)!.Value;
        context.Transaction.Execute(
            """
            INSERT INTO ledger (tx_id, kind, op_key, account_id, amount_cents, balance_after_cents, transfer_id, reverses_tx_id, created_at)
            VALUES ($tx, $kind, $key, $account, $cents, $after, $transfer, $reverses, $at)
            """,
            ("$tx", txId),
            ("$kind", kind),
            ("$key", opKey),
            ("$account", accountId),
            ("$cents", cents),
            ("$after", after),
            ("$transfer", transferId),
            ("$reverses", reverses),
            ("$at", Timestamps.Format(context.Now)));
        return after;
    }

    private static AccountView MapAccount(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), Money.FromCents(r.GetInt64(2)));

    private static LedgerEntry MapLedger(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Money.FromCents(r.GetInt64(4)), Money.FromCents(r.GetInt64(5)),
        r.NullableString(6), r.NullableString(7), r.Timestamp(8));

    private static TransactionView MapTransaction(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Money.FromCents(r.GetInt64(4)), r.GetString(5), r.GetString(6), r.Timestamp(7));

    private static void Seed(SqliteTransaction transaction)
    {
        foreach (var (id, owner, balance) in new[] { ("ACC-001", "Alice", 1000.00m), ("ACC-002", "Bob", 500.00m), ("ACC-003", "Charlie", 750.00m) })
        {
            transaction.Execute(
                "INSERT INTO accounts (account_id, owner, opening_cents, balance_cents) VALUES ($id, $owner, $cents, $cents)",
                ("$id", id),
                ("$owner", owner),
                ("$cents", Money.ToCents(balance)));
        }
    }
}
