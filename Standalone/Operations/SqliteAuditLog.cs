using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SagaFunctions.Http.Audit;

namespace SagaFunctions.Standalone.Operations;

/// <summary>The audit trail in a SQLite file (WAL), one row per entry, appended only; ids sort by time.</summary>
public sealed class SqliteAuditLog : IAuditLog
{
    private const string Columns = "id, at, action, saga, instance_id, dead_letter_id, note, caller";

    private readonly SqliteDataFile _file;

    public SqliteAuditLog(string databasePath)
    {
        _file = new SqliteDataFile(databasePath, """
            CREATE TABLE IF NOT EXISTS audit (
                id TEXT PRIMARY KEY,
                at TEXT NOT NULL,
                action TEXT NOT NULL,
                saga TEXT NULL,
                instance_id TEXT NULL,
                dead_letter_id TEXT NULL,
                note TEXT NULL,
                caller TEXT NULL);
            CREATE INDEX IF NOT EXISTS ix_audit_at ON audit (at);
            CREATE INDEX IF NOT EXISTS ix_audit_instance ON audit (instance_id, id);
            CREATE INDEX IF NOT EXISTS ix_audit_dead_letter ON audit (dead_letter_id, id);
            """);
    }

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO audit ({Columns}) VALUES ($id, $at, $action, $saga, $instance, $deadLetter, $note, $caller)
            ON CONFLICT (id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$id", entry.Id);
        command.Parameters.AddWithValue("$at", Format(entry.At));
        command.Parameters.AddWithValue("$action", entry.Action);
        command.Parameters.AddWithValue("$saga", (object?)entry.Saga ?? DBNull.Value);
        command.Parameters.AddWithValue("$instance", (object?)entry.InstanceId ?? DBNull.Value);
        command.Parameters.AddWithValue("$deadLetter", (object?)entry.DeadLetterId ?? DBNull.Value);
        command.Parameters.AddWithValue("$note", (object?)entry.Note ?? DBNull.Value);
        command.Parameters.AddWithValue("$caller", (object?)entry.Caller ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        var where = new StringBuilder("1 = 1");
        void Filter(string condition, string parameter, object? value)
        {
            if (value is not null)
            {
                where.Append(" AND ").Append(condition);
                command.Parameters.AddWithValue(parameter, value);
            }
        }

        Filter("action = $action", "$action", query.Action);
        Filter("instance_id = $instance", "$instance", query.InstanceId);
        Filter("dead_letter_id = $deadLetter", "$deadLetter", query.DeadLetterId);
        Filter("at >= $from", "$from", query.From is { } from ? Format(from) : null);
        Filter("at < $to", "$to", query.To is { } to ? Format(to) : null);
        command.CommandText = $"SELECT {Columns} FROM audit WHERE {where} ORDER BY id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", query.Limit);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                reader.GetString(0),
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return entries;
    }

    /// <summary>Round-trip UTC text, one fixed length, so text order is time order.</summary>
    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private SqliteConnection Open() => _file.Open();
}
