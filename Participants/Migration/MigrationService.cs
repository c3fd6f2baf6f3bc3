using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Migration;

/// <summary>
/// Data migration: dual-write on/off, batches (each applied at most once per migration and batch number, whatever
/// the idempotency key; <c>batchExecutions</c> counts applied effects), verification (migrated = expected),
/// traffic switch (needs a passed verification) and decommissioning the old system (needs the switch).
/// </summary>
internal sealed class MigrationService : IDisposable
{
    public const string DualWrite = "dual-write";
    public const string Batch = "batch";
    public const string Verify = "verify";
    public const string Switch = "switch";
    public const string Decommission = "decommission";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS migrations (
            migration_id TEXT PRIMARY KEY,
            service_id TEXT NOT NULL,
            dual_write INTEGER NOT NULL,
            consistent INTEGER NULL,
            traffic TEXT NOT NULL,
            old_system_enabled INTEGER NOT NULL,
            batch_executions INTEGER NOT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS batches (
            migration_id TEXT NOT NULL REFERENCES migrations (migration_id),
            batch_number INTEGER NOT NULL,
            records INTEGER NOT NULL,
            migrated_at TEXT NOT NULL,
            PRIMARY KEY (migration_id, batch_number));
        """;

    public MigrationService(IOptions<ParticipantsOptions> options) =>
        Database = new ParticipantDatabase(ParticipantCatalog.Migration, options.Value, Schema, _ => { });

    public ParticipantDatabase Database { get; }

    public static void ValidateDualWrite(DualWriteRequest request, ValidationErrors errors) =>
        errors.Required("migrationId", request.MigrationId).Required("serviceId", request.ServiceId);

    public static void ValidateBatch(MigrateBatchRequest request, ValidationErrors errors)
    {
        errors.Required("migrationId", request.MigrationId).Positive("batchSize", request.BatchSize, 1_000_000);
        if (request.BatchNumber < 0)
        {
            errors.Add("batchNumber", "The batchNumber field must be 0 or greater.");
        }
    }

    public static void ValidateVerify(VerifyMigrationRequest request, ValidationErrors errors)
    {
        errors.Required("migrationId", request.MigrationId);
        if (request.ExpectedRecords < 0)
        {
            errors.Add("expectedRecords", "The expectedRecords field must be 0 or greater.");
        }
    }

    public static void ValidateSwitch(SwitchTrafficRequest request, ValidationErrors errors) => errors.Required("migrationId", request.MigrationId);

    public static void ValidateDecommission(DecommissionRequest request, ValidationErrors errors) => errors.Required("migrationId", request.MigrationId);

    public Outcome ExecuteDualWrite(OperationContext context, DualWriteRequest request)
    {
        var changed = context.Transaction.Execute(
            "UPDATE migrations SET dual_write = $on WHERE migration_id = $id",
            ("$on", request.Enabled ? 1 : 0),
            ("$id", request.MigrationId));
        if (changed == 0 && request.Enabled)
        {
            context.Transaction.Execute(
                """
                INSERT INTO migrations (migration_id, service_id, dual_write, traffic, old_system_enabled, batch_executions, created_at)
                VALUES ($id, $service, 1, 'old', 1, 0, $at)
                """,
                ("$id", request.MigrationId),
                ("$service", request.ServiceId),
                ("$at", Timestamps.Format(context.Now)));
        }

        return Outcome.Ok(new DualWriteResponse(request.MigrationId, request.Enabled));
    }

    public Outcome ExecuteBatch(OperationContext context, MigrateBatchRequest request)
    {
        var tx = context.Transaction;
        var migration = Find(tx, request.MigrationId);
        var existing = tx.Value<int>(
            "SELECT records FROM batches WHERE migration_id = $id AND batch_number = $n",
            ("$id", request.MigrationId),
            ("$n", request.BatchNumber));
        if (existing is { } records)
        {
            return Outcome.Ok(new MigrateBatchResponse(request.MigrationId, request.BatchNumber, records, Total(tx, request.MigrationId)));
        }

        if (migration is null)
        {
            return Outcome.Unprocessable(RejectionCodes.UnknownMigration, $"Migration '{request.MigrationId}' does not exist (enable dual-write first).");
        }

        if (!migration.DualWrite)
        {
            return Outcome.Conflict(RejectionCodes.DualWriteDisabled, $"Dual-write is off for migration '{request.MigrationId}'; batches need it on.");
        }

        tx.Execute(
            "INSERT INTO batches (migration_id, batch_number, records, migrated_at) VALUES ($id, $n, $records, $at)",
            ("$id", request.MigrationId),
            ("$n", request.BatchNumber),
            ("$records", request.BatchSize),
            ("$at", Timestamps.Format(context.Now)));
        tx.Execute("UPDATE migrations SET batch_executions = batch_executions + 1 WHERE migration_id = $id", ("$id", request.MigrationId));
        return Outcome.Ok(new MigrateBatchResponse(request.MigrationId, request.BatchNumber, request.BatchSize, Total(tx, request.MigrationId)));
    }

    public Outcome ExecuteVerify(OperationContext context, VerifyMigrationRequest request)
    {
        var tx = context.Transaction;
        if (Find(tx, request.MigrationId) is null)
        {
            return Outcome.Unprocessable(RejectionCodes.UnknownMigration, $"Migration '{request.MigrationId}' does not exist.");
        }

        var migrated = Total(tx, request.MigrationId);
        var consistent = migrated == request.ExpectedRecords;
        tx.Execute("UPDATE migrations SET consistent = $c WHERE migration_id = $id", ("$c", consistent ? 1 : 0), ("$id", request.MigrationId));
        return consistent
            ? Outcome.Ok(new VerifyMigrationResponse(true, migrated, request.ExpectedRecords))
            : Outcome.Unprocessable(RejectionCodes.VerificationFailed, $"Migration '{request.MigrationId}' is inconsistent: {migrated} records migrated, {request.ExpectedRecords} expected.");
    }

    public Outcome ExecuteSwitch(OperationContext context, SwitchTrafficRequest request)
    {
        var migration = Find(context.Transaction, request.MigrationId);
        if (migration is null)
        {
            return Outcome.Unprocessable(RejectionCodes.UnknownMigration, $"Migration '{request.MigrationId}' does not exist.");
        }

        if (migration.Consistent != true)
        {
            return Outcome.Conflict(RejectionCodes.NotVerified, $"Migration '{request.MigrationId}' has not passed verification; traffic stays on the old system.");
        }

        context.Transaction.Execute("UPDATE migrations SET traffic = 'new' WHERE migration_id = $id", ("$id", request.MigrationId));
        return Outcome.Ok(new SwitchTrafficResponse(request.MigrationId, "new"));
    }

    public Outcome ExecuteDecommission(OperationContext context, DecommissionRequest request)
    {
        var migration = Find(context.Transaction, request.MigrationId);
        if (migration is null)
        {
            return Outcome.Unprocessable(RejectionCodes.UnknownMigration, $"Migration '{request.MigrationId}' does not exist.");
        }

        if (migration.Traffic != "new")
        {
            return Outcome.Conflict(RejectionCodes.NotSwitched, $"Traffic of migration '{request.MigrationId}' is still on the old system.");
        }

        context.Transaction.Execute("UPDATE migrations SET old_system_enabled = 0, dual_write = 0 WHERE migration_id = $id", ("$id", request.MigrationId));
        return Outcome.Ok(new DecommissionResponse(request.MigrationId, false));
    }

    public Task<MigrationProgress?> GetAsync(string migrationId, CancellationToken cancellationToken) =>
        Database.ReadAsync(
            tx =>
            {
                var migration = Find(tx, migrationId);
                if (migration is null)
                {
                    return null;
                }

                var batches = tx.List(
                    "SELECT batch_number, records, migrated_at FROM batches WHERE migration_id = $id ORDER BY batch_number",
                    r => new MigrationBatchView(r.GetInt32(0), r.GetInt32(1), r.Timestamp(2)),
                    ("$id", migrationId));
                return new MigrationProgress(
                    migrationId,
                    migration.ServiceId,
                    migration.DualWrite,
                    batches.Count,
                    batches.Sum(b => (long)b.RecordsMigrated),
                    migration.BatchExecutions,
                    migration.Consistent,
                    migration.Traffic,
                    migration.OldSystemEnabled,
                    batches);
            },
            cancellationToken);

    public void Dispose() => Database.Dispose();

    private static long Total(SqliteTransaction tx, string migrationId) =>
        tx.Scalar<long>("SELECT COALESCE(SUM(records), 0) FROM batches WHERE migration_id = $id", ("$id", migrationId));

    private static MigrationRow? Find(SqliteTransaction tx, string migrationId) =>
        tx.Single(
            "SELECT service_id, dual_write, consistent, traffic, old_system_enabled, batch_executions FROM migrations WHERE migration_id = $id",
            r => new MigrationRow(r.GetString(0), r.GetInt32(1) == 1, r.IsDBNull(2) ? null : r.GetInt32(2) == 1, r.GetString(3), r.GetInt32(4) == 1, r.GetInt64(5)),
            ("$id", migrationId));

    private sealed record MigrationRow(string ServiceId, bool DualWrite, bool? Consistent, string Traffic, bool OldSystemEnabled, long BatchExecutions);
}
