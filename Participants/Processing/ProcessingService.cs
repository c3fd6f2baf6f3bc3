using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Processing;

/// <summary>
/// Processing: processes arbitrary work items of a batch (the result is <c>processed:{item}</c>) and undoes one by the
/// process call's idempotency key. Failures come only from fault injection; no item value is special.
/// </summary>
internal sealed class ProcessingService : IDisposable
{
    public const string Process = "process";
    public const string Undo = "undo";

    /// <summary>Longest work item.</summary>
    public const int MaxItemLength = 100;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS work_items (
            work_id TEXT PRIMARY KEY,
            work_key TEXT NOT NULL UNIQUE,
            batch_id TEXT NOT NULL,
            item TEXT NOT NULL,
            item_index INTEGER NOT NULL,
            result TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at TEXT NOT NULL,
            undone_at TEXT NULL);
        CREATE INDEX IF NOT EXISTS work_items_batch ON work_items (batch_id, item_index);
        """;

    public ProcessingService(IOptions<ParticipantsOptions> options) =>
        Database = new ParticipantDatabase(ParticipantCatalog.Processing, options.Value, Schema, _ => { });

    public ParticipantDatabase Database { get; }

    public static void ValidateProcess(ProcessItemRequest request, ValidationErrors errors)
    {
        errors.Required("batchId", request.BatchId, 100).Required("item", request.Item, MaxItemLength);
        if (request.Index < 0)
        {
            errors.Add("index", "The index field must be 0 or greater.");
        }
    }

    public static void ValidateUndo(UndoWorkRequest request, ValidationErrors errors) =>
        errors.Required("workKey", request.WorkKey, 256);

    public Outcome ExecuteProcess(OperationContext context, ProcessItemRequest request)
    {
        var workId = Ids.New("wrk");
        var result = "processed:" + request.Item;
        context.Transaction.Execute(
            """
            INSERT INTO work_items (work_id, work_key, batch_id, item, item_index, result, state, created_at)
            VALUES ($id, $key, $batch, $item, $index, $result, 'processed', $at)
            """,
            ("$id", workId),
            ("$key", context.IdempotencyKey),
            ("$batch", request.BatchId),
            ("$item", request.Item),
            ("$index", request.Index),
            ("$result", result),
            ("$at", Timestamps.Format(context.Now)));
        return Outcome.Ok(new ProcessItemResponse(workId, request.BatchId, request.Item, result));
    }

    public Outcome ExecuteUndo(OperationContext context, UndoWorkRequest request)
    {
        var work = context.Transaction.Single(
            "SELECT work_id, state FROM work_items WHERE work_key = $key",
            r => new WorkRow(r.GetString(0), r.GetString(1)),
            ("$key", request.WorkKey));
        if (work is null)
        {
            context.Tombstone(Process, request.WorkKey, "undo " + context.IdempotencyKey);
            return Outcome.Ok(new UndoWorkResponse("nothing_to_undo", true, null));
        }

        if (work.State == "undone")
        {
            return Outcome.Ok(new UndoWorkResponse("already_undone", false, work.WorkId));
        }

        context.Transaction.Execute(
            "UPDATE work_items SET state = 'undone', undone_at = $at WHERE work_id = $id",
            ("$at", Timestamps.Format(context.Now)),
            ("$id", work.WorkId));
        return Outcome.Ok(new UndoWorkResponse("undone", false, work.WorkId));
    }

    /// <summary>The batch's work items, or null when none was processed for it.</summary>
    public async Task<ProcessingBatchView?> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        var items = await Database.ReadAsync(
            tx => tx.List(
                "SELECT item, item_index, state, work_id FROM work_items WHERE batch_id = $batch ORDER BY item_index, created_at, rowid",
                Map,
                ("$batch", batchId)),
            cancellationToken);
        return items.Count == 0 ? null : new ProcessingBatchView(batchId, items);
    }

    public void Dispose() => Database.Dispose();

    private static ProcessedItem Map(SqliteDataReader r) => new(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3));

    private sealed record WorkRow(string WorkId, string State);
}
