using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SagaFunctions.Kernel.Choreography;
using SagaFunctions.Sagas.Choreography;

namespace SagaFunctions.Standalone.Choreography;

/// <summary>
/// The embedded durable queue of the choreographies, in one SQLite file (WAL): the queue, the consumed-message ids, the
/// event trail and each choreography's status. Consuming a message, appending its trail events and publishing the next
/// messages is one transaction (the outbox), so a crash either redoes the whole handling (the participants deduplicate
/// the repeated call on its idempotency key) or none of it; a message already consumed is never handled twice.
/// </summary>
public sealed class ChoreographyStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SqliteDataFile _file;

    public ChoreographyStore(string databasePath)
    {
        _file = new SqliteDataFile(databasePath, """
            CREATE TABLE IF NOT EXISTS choreographies (id TEXT PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS choreography_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, choreography_id TEXT NOT NULL, type TEXT NOT NULL, service TEXT NOT NULL, at TEXT NOT NULL, data TEXT NULL);
            CREATE INDEX IF NOT EXISTS ix_choreography_events ON choreography_events (choreography_id, seq);
            CREATE TABLE IF NOT EXISTS choreography_queue (message_id TEXT PRIMARY KEY, choreography_id TEXT NOT NULL, topic TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL, available_at INTEGER NOT NULL, last_error TEXT NULL, poisoned INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS ix_choreography_queue_due ON choreography_queue (poisoned, available_at);
            CREATE TABLE IF NOT EXISTS choreography_consumed (message_id TEXT PRIMARY KEY);
            """);
    }

    /// <summary>Records a new choreography with its first events and messages; false (nothing written) when the id exists.</summary>
    public bool TryStart(string id, string name, DateTimeOffset now, ChoreographyOutcome first)
    {
        ArgumentNullException.ThrowIfNull(first);
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        if (Execute(connection, tx, "INSERT OR IGNORE INTO choreographies (id, name, status, created_at) VALUES ($id, $name, $status, $at);",
                ("$id", id), ("$name", name), ("$status", OrderChoreography.Running), ("$at", now.ToString("O", CultureInfo.InvariantCulture))) == 0)
        {
            return false;
        }

        Apply(connection, tx, id, first, now);
        tx.Commit();
        return true;
    }

    /// <summary>The oldest message due at <paramref name="now"/> (not poisoned), or null.</summary>
    public QueuedMessage? NextDue(DateTimeOffset now)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id, choreography_id, topic, state, attempts FROM choreography_queue WHERE poisoned = 0 AND available_at <= $now ORDER BY available_at LIMIT 1;";
        command.Parameters.AddWithValue("$now", now.UtcTicks);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new QueuedMessage(
                new ChoreographyMessage(reader.GetString(0), reader.GetString(1), reader.GetString(2), JsonSerializer.Deserialize<OrderChoreographyState>(reader.GetString(3), Json)!),
                reader.GetInt32(4))
            : null;
    }

    /// <summary>Consumes <paramref name="message"/> and applies what handling it produced, in one transaction; false when it was already consumed.</summary>
    public bool Complete(ChoreographyMessage message, ChoreographyOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        var first = Execute(connection, tx, "INSERT OR IGNORE INTO choreography_consumed (message_id) VALUES ($id);", ("$id", message.MessageId)) == 1;
        Execute(connection, tx, "DELETE FROM choreography_queue WHERE message_id = $id AND poisoned = 0;", ("$id", message.MessageId));
        if (first)
        {
            Apply(connection, tx, message.ChoreographyId, outcome, now);
        }

        tx.Commit();
        return first;
    }

    /// <summary>A failed delivery: counts the attempt and makes the message due again at <paramref name="retryAt"/>.</summary>
    public void Retry(ChoreographyMessage message, string error, DateTimeOffset retryAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var connection = Open();
        Execute(connection, null, "UPDATE choreography_queue SET attempts = attempts + 1, last_error = $error, available_at = $at WHERE message_id = $id;",
            ("$id", message.MessageId), ("$error", error), ("$at", retryAt.UtcTicks));
    }

    /// <summary>Moves the message to the poison list (kept for review) and applies the handlers' answer to the poisoning, in one transaction.</summary>
    public void Poison(ChoreographyMessage message, string error, ChoreographyOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        if (Execute(connection, tx, "INSERT OR IGNORE INTO choreography_consumed (message_id) VALUES ($id);", ("$id", message.MessageId)) == 1)
        {
            Execute(connection, tx, "UPDATE choreography_queue SET poisoned = 1, attempts = attempts + 1, last_error = $error WHERE message_id = $id;", ("$id", message.MessageId), ("$error", error));
            Apply(connection, tx, message.ChoreographyId, outcome, now);
        }

        tx.Commit();
    }

    /// <summary>The choreography's status and event trail, or null when unknown.</summary>
    public (string Name, string Status, IReadOnlyList<ChoreographyEvent> Events)? Get(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, status FROM choreographies WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        string name, status;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            (name, status) = (reader.GetString(0), reader.GetString(1));
        }

        command.CommandText = "SELECT type, service, at, data FROM choreography_events WHERE choreography_id = $id ORDER BY seq;";
        var events = new List<ChoreographyEvent>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                events.Add(new ChoreographyEvent(
                    reader.GetString(0),
                    reader.GetString(1),
                    DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                    reader.IsDBNull(3) ? null : JsonDocument.Parse(reader.GetString(3)).RootElement.Clone()));
            }
        }

        return (name, status, events);
    }

    /// <summary>Messages given up on after their attempts, for review.</summary>
    public IReadOnlyList<(string MessageId, string Topic, int Attempts, string? Error)> Poisoned(string choreographyId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id, topic, attempts, last_error FROM choreography_queue WHERE poisoned = 1 AND choreography_id = $id ORDER BY message_id;";
        command.Parameters.AddWithValue("$id", choreographyId);
        using var reader = command.ExecuteReader();
        var list = new List<(string, string, int, string?)>();
        while (reader.Read())
        {
            list.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return list;
    }

    private static void Apply(SqliteConnection connection, SqliteTransaction tx, string id, ChoreographyOutcome outcome, DateTimeOffset now)
    {
        foreach (var evt in outcome.Events)
        {
            Execute(connection, tx, "INSERT INTO choreography_events (choreography_id, type, service, at, data) VALUES ($id, $type, $service, $at, $data);",
                ("$id", id), ("$type", evt.Type), ("$service", evt.Service), ("$at", evt.At.ToString("O", CultureInfo.InvariantCulture)), ("$data", evt.Data?.GetRawText()));
        }

        foreach (var next in outcome.Next)
        {
            // A message id is published once: a redelivered handler publishing it again changes nothing.
            Execute(connection, tx, "INSERT OR IGNORE INTO choreography_queue (message_id, choreography_id, topic, state, attempts, available_at) VALUES ($mid, $id, $topic, $state, 0, $at);",
                ("$mid", next.MessageId), ("$id", next.ChoreographyId), ("$topic", next.Topic), ("$state", JsonSerializer.Serialize(next.State, Json)), ("$at", now.UtcTicks));
        }

        if (outcome.FinalStatus is { } status)
        {
            Execute(connection, tx, "UPDATE choreographies SET status = $status WHERE id = $id;", ("$id", id), ("$status", status));
        }
    }

    private SqliteConnection Open() => _file.Open();

    private static int Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }
}

/// <summary>A queued message and how many deliveries of it have failed so far.</summary>
public sealed record QueuedMessage(ChoreographyMessage Message, int Attempts);
