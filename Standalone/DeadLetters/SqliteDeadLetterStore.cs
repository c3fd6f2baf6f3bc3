using System.Globalization;
using Microsoft.Data.Sqlite;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.Standalone.DeadLetters;

/// <summary>
/// Dead letters in a SQLite file (WAL), one row per record id. Adding an id twice keeps the first row, so the kernel's
/// at-least-once dead-letter activity never duplicates a record. Each row has a <c>version</c> that every update bumps;
/// an update is written only if the version it read is still there (optimistic concurrency, as the Azure Table store
/// does with ETags), else it re-reads and re-applies its change.
/// </summary>
public sealed class SqliteDeadLetterStore : IDeadLetterStore
{
    private const string Columns =
        "id, saga_name, instance_id, step_name, compensation_activity, input_json, error_type, error_message, attempts, " +
        "first_failure_at, last_failure_at, status, retry_count, last_retry_instance_id, last_retry_error, resolved_at, resolution, escalated_at";

    private readonly SqliteDataFile _file;

    public SqliteDeadLetterStore(string databasePath)
    {
        _file = new SqliteDataFile(databasePath, """
            CREATE TABLE IF NOT EXISTS dead_letters (
                id TEXT PRIMARY KEY,
                saga_name TEXT NOT NULL,
                instance_id TEXT NOT NULL,
                step_name TEXT NOT NULL,
                compensation_activity TEXT NOT NULL,
                input_json TEXT NOT NULL,
                error_type TEXT NOT NULL,
                error_message TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                first_failure_at TEXT NOT NULL,
                last_failure_at TEXT NOT NULL,
                status TEXT NOT NULL,
                retry_count INTEGER NOT NULL,
                last_retry_instance_id TEXT NULL,
                last_retry_error TEXT NULL,
                resolved_at TEXT NULL,
                resolution TEXT NULL,
                escalated_at TEXT NULL);
            CREATE INDEX IF NOT EXISTS ix_dead_letters_status ON dead_letters (status, first_failure_at);
            """);
        using var connection = Open();
        using var command = connection.CreateCommand();

        // Files written before optimistic concurrency have no version column: add it in place.
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('dead_letters') WHERE name = 'version';";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = "ALTER TABLE dead_letters ADD COLUMN version INTEGER NOT NULL DEFAULT 0;";
            command.ExecuteNonQuery();
        }

        // Files written before escalation have no escalated_at column: add it in place.
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('dead_letters') WHERE name = 'escalated_at';";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = "ALTER TABLE dead_letters ADD COLUMN escalated_at TEXT NULL;";
            command.ExecuteNonQuery();
        }
    }

    public async Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO dead_letters ({Columns})
            VALUES ($id, $saga, $instance, $step, $activity, $input, $errorType, $errorMessage, $attempts,
                    $first, $last, $status, 0, NULL, NULL, NULL, NULL, NULL)
            ON CONFLICT (id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$id", deadLetter.Id);
        command.Parameters.AddWithValue("$saga", deadLetter.SagaName);
        command.Parameters.AddWithValue("$instance", deadLetter.InstanceId);
        command.Parameters.AddWithValue("$step", deadLetter.StepName);
        command.Parameters.AddWithValue("$activity", deadLetter.CompensationActivity);
        command.Parameters.AddWithValue("$input", deadLetter.InputJson);
        command.Parameters.AddWithValue("$errorType", deadLetter.ErrorType);
        command.Parameters.AddWithValue("$errorMessage", deadLetter.ErrorMessage);
        command.Parameters.AddWithValue("$attempts", deadLetter.Attempts);
        command.Parameters.AddWithValue("$first", Format(deadLetter.FirstFailureAt));
        command.Parameters.AddWithValue("$last", Format(deadLetter.LastFailureAt));
        command.Parameters.AddWithValue("$status", DeadLetterStatus.Open.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DeadLetterEntry?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM dead_letters WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<DeadLetterEntry>> ListAsync(DeadLetterStatus? status, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = status is null
            ? $"SELECT {Columns} FROM dead_letters ORDER BY first_failure_at, id;"
            : $"SELECT {Columns} FROM dead_letters WHERE status = $status ORDER BY first_failure_at, id;";
        if (status is not null)
        {
            command.Parameters.AddWithValue("$status", status.Value.ToString());
        }

        var entries = new List<DeadLetterEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(Read(reader));
        }

        return entries;
    }

    public async Task<DeadLetterUpdate?> UpdateAsync(string id, Func<DeadLetterEntry, DeadLetterEntry?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var (current, version) = await ReadVersionedAsync(id, cancellationToken);
            if (current is null)
            {
                return null;
            }

            if (change(current) is not { } entry)
            {
                return new DeadLetterUpdate(current, Changed: false);
            }

            var updated = entry with { Record = current.Record }; // the failure record is never rewritten
            if (await TryWriteAsync(updated, version, cancellationToken))
            {
                return new DeadLetterUpdate(updated, Changed: true);
            }

            // Another writer got there first: read its state and apply the change to that.
        }
    }

    private async Task<(DeadLetterEntry? Entry, long Version)> ReadVersionedAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns}, version FROM dead_letters WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (Read(reader), reader.GetInt64(18)) : (null, 0);
    }

    private async Task<bool> TryWriteAsync(DeadLetterEntry entry, long version, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE dead_letters
               SET status = $status, retry_count = $retryCount, last_retry_instance_id = $retryInstance,
                   last_retry_error = $retryError, resolved_at = $resolvedAt, resolution = $resolution,
                   escalated_at = $escalatedAt, version = version + 1
             WHERE id = $id AND version = $version;
            """;
        command.Parameters.AddWithValue("$id", entry.Record.Id);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$status", entry.Status.ToString());
        command.Parameters.AddWithValue("$retryCount", entry.RetryCount);
        command.Parameters.AddWithValue("$retryInstance", (object?)entry.LastRetryInstanceId ?? DBNull.Value);
        command.Parameters.AddWithValue("$retryError", (object?)entry.LastRetryError ?? DBNull.Value);
        command.Parameters.AddWithValue("$resolvedAt", entry.ResolvedAt is { } at ? Format(at) : DBNull.Value);
        command.Parameters.AddWithValue("$resolution", (object?)entry.Resolution ?? DBNull.Value);
        command.Parameters.AddWithValue("$escalatedAt", entry.EscalatedAt is { } escalated ? Format(escalated) : DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> PurgeResolvedAsync(DateTime resolvedBefore, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM dead_letters WHERE status = $status AND resolved_at < $before;";
        command.Parameters.AddWithValue("$status", DeadLetterStatus.Resolved.ToString());
        command.Parameters.AddWithValue("$before", Format(resolvedBefore));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqliteConnection Open() => _file.Open();

    private static DeadLetterEntry Read(SqliteDataReader r) => new(
        new DeadLetter(
            r.GetString(0),
            r.GetString(1),
            r.GetString(2),
            r.GetString(3),
            r.GetString(4),
            r.GetString(5),
            r.GetString(6),
            r.GetString(7),
            r.GetInt32(8),
            Parse(r.GetString(9)),
            Parse(r.GetString(10))),
        Enum.Parse<DeadLetterStatus>(r.GetString(11)),
        r.GetInt32(12),
        r.IsDBNull(13) ? null : r.GetString(13),
        r.IsDBNull(14) ? null : r.GetString(14),
        r.IsDBNull(15) ? null : Parse(r.GetString(15)),
        r.IsDBNull(16) ? null : r.GetString(16))
    {
        EscalatedAt = r.IsDBNull(17) ? null : Parse(r.GetString(17)),
    };

    private static string Format(DateTime value) =>
        DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc)
            .ToString("O", CultureInfo.InvariantCulture);

    private static DateTime Parse(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
