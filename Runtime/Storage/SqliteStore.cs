using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SagaFunctions.Runtime.Engine;

namespace SagaFunctions.Runtime.Storage;

/// <summary>
/// The runtime's single SQLite database: instances, history, pending activities and timers, and the messages held
/// for suspended instances. Used only by the
/// dispatcher thread, through statements prepared once. Every episode of a batch is written between one
/// <see cref="Begin"/> and one <see cref="Commit"/> (group commit: one fsync for many instances).
/// </summary>
internal sealed class SqliteStore : IDisposable
{
    /// <summary>The schema this code writes. A file with a higher <c>user_version</c> is refused.</summary>
    public const int SchemaVersion = 4;

    /// <summary><c>PRAGMA application_id</c> marking a file as this runtime's ('SAGA').</summary>
    public const int ApplicationId = 0x53414741;

    private readonly SqliteConnection _connection;
    private readonly string _description;
    private PreparedCommand _begin = null!;
    private PreparedCommand _commit = null!;
    private PreparedCommand _rollback = null!;
    private PreparedCommand _insertInstance = null!;
    private PreparedCommand _updateInstance = null!;
    private PreparedCommand _getInstance = null!;
    private PreparedCommand _appendHistory = null!;
    private PreparedCommand _readHistory = null!;
    private PreparedCommand _deleteHistory = null!;
    private PreparedCommand _deleteActivity = null!;
    private PreparedCommand _leaseActivity = null!;
    private PreparedCommand _deleteActivities = null!;
    private PreparedCommand _insertTimer = null!;
    private PreparedCommand _deleteTimer = null!;
    private PreparedCommand _deleteTimers = null!;
    private PreparedCommand _purgeInstance = null!;
    private PreparedCommand _finishedBefore = null!;
    private PreparedCommand _setStatus = null!;
    private PreparedCommand _holdMessage = null!;
    private PreparedCommand _readHeld = null!;
    private PreparedCommand _deleteHeld = null!;
    private readonly List<IDisposable> _prepared = [];
    private MultiRowCommand _appendHistoryRows = null!;
    private MultiRowCommand _insertActivities = null!;
    private MultiRowCommand _deleteActivityIds = null!;
    private bool _inTransaction;

    private SqliteStore(SqliteConnection connection, string description)
    {
        _connection = connection;
        _description = description;
    }

    /// <summary>True when a transaction is open and something was written in it.</summary>
    public bool HasWrites { get; private set; }

    /// <summary>Opens (creating if needed) the database; throws <see cref="DurableStoreException"/> for a corrupt or newer file.</summary>
    public static SqliteStore Open(string? path, SqliteSynchronous synchronous)
    {
        var description = path is null ? "the in-memory database" : $"the database file '{path}'";
        if (path is not null && Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path ?? ":memory:",
            Pooling = false,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 1, // seconds of retrying SQLITE_BUSY: only a second owner of the file ever meets it
        };
        var connection = new SqliteConnection(builder.ToString());
        var store = new SqliteStore(connection, description);
        try
        {
            connection.Open();
            store.InitializeSchema(path is not null, synchronous);
            store.PrepareStatements();
            return store;
        }
        catch (SqliteException ex)
        {
            store.Dispose();
            var reason = ex.SqliteErrorCode switch
            {
                5 or 6 => "The file is in use by another process (one runtime owns a database file).",
                11 or 26 => "The file is corrupt or not a SQLite database.",
                _ => "The file cannot be used.",
            };
            throw new DurableStoreException($"Cannot open {description}: {ex.Message} (SQLite error {ex.SqliteErrorCode}). {reason}", ex);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private void InitializeSchema(bool isFile, SqliteSynchronous synchronous)
    {
        var appId = Convert.ToInt64(Scalar("PRAGMA application_id"), CultureInfo.InvariantCulture);
        var version = Convert.ToInt64(Scalar("PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (appId != 0 && appId != ApplicationId)
        {
            throw new DurableStoreException($"Cannot open {_description}: it is a SQLite database of another application (application_id {appId}).");
        }

        if (version > SchemaVersion)
        {
            throw new DurableStoreException(
                $"Cannot open {_description}: its schema version is {version}, newer than the {SchemaVersion} this runtime supports. Upgrade the runtime.");
        }

        if (isFile)
        {
            // One process owns the file: exclusive locking (no shared-memory index) and WAL for cheap appends.
            Execute("PRAGMA locking_mode=EXCLUSIVE");
            var mode = Convert.ToString(Scalar("PRAGMA journal_mode=WAL"), CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new DurableStoreException($"Cannot switch {_description} to WAL mode (journal_mode is '{mode}').");
            }
        }

        Execute($"PRAGMA synchronous={(int)synchronous}");
        Execute("PRAGMA temp_store=MEMORY");

        if (version == 0)
        {
            Execute("""
                BEGIN;
                CREATE TABLE IF NOT EXISTS instances (
                    id TEXT NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    generation INTEGER NOT NULL,
                    execution_id TEXT NOT NULL,
                    input TEXT,
                    output TEXT,
                    custom_status TEXT,
                    failure_type TEXT,
                    failure_message TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    parent_id TEXT,
                    parent_generation INTEGER NOT NULL DEFAULT 0,
                    parent_task_id INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS ix_instances_created ON instances (created_at, id);
                CREATE TABLE IF NOT EXISTS history (
                    instance_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    kind INTEGER NOT NULL,
                    task_id INTEGER NOT NULL,
                    name TEXT,
                    data TEXT,
                    ts INTEGER NOT NULL,
                    PRIMARY KEY (instance_id, seq)
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS activities (
                    instance_id TEXT NOT NULL,
                    generation INTEGER NOT NULL,
                    task_id INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    input TEXT,
                    locked_until INTEGER NOT NULL,
                    PRIMARY KEY (instance_id, generation, task_id)
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS timers (
                    instance_id TEXT NOT NULL,
                    generation INTEGER NOT NULL,
                    task_id INTEGER NOT NULL,
                    fire_at INTEGER NOT NULL,
                    PRIMARY KEY (instance_id, generation, task_id)
                ) WITHOUT ROWID;
                PRAGMA application_id=1396787009;
                PRAGMA user_version=1;
                COMMIT;
                """);
            version = 1;
        }

        if (version == 1)
        {
            // Version 2: suspend/resume. What arrives for a suspended instance is held here until it resumes.
            Execute("""
                BEGIN;
                CREATE TABLE IF NOT EXISTS held_messages (
                    instance_id TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    kind INTEGER NOT NULL,
                    generation INTEGER NOT NULL,
                    task_id INTEGER NOT NULL,
                    name TEXT,
                    data TEXT,
                    PRIMARY KEY (instance_id, seq)
                ) WITHOUT ROWID;
                PRAGMA user_version=2;
                COMMIT;
                """);
            version = 2;
        }

        if (version == 2)
        {
            // Version 3: versioned orchestrations. Every instance records the version it started with; instances
            // written before have none (empty), which is how Durable reports an instance started without a version.
            // A file without the table is corrupt; the check of the tables below says so.
            AddInstancesColumn("version TEXT NOT NULL DEFAULT ''", 3);
            version = 3;
        }

        if (version == 3)
        {
            // Version 4: trace context. Every instance records the W3C trace parent it was started with (StartOptions);
            // instances written before have none (null), so their activities start traces of their own, as they did.
            AddInstancesColumn("trace_parent TEXT", 4);
        }

        if (isFile)
        {
            // Take the exclusive lock now (kept for the connection's lifetime), so a second owner fails at open.
            Execute("BEGIN EXCLUSIVE; COMMIT;");
        }

        var tables = Convert.ToInt64(
            Scalar("SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('instances','history','activities','timers','held_messages')"),
            CultureInfo.InvariantCulture);
        if (tables != 5)
        {
            throw new DurableStoreException($"Cannot open {_description}: schema version {SchemaVersion} is recorded but {5 - tables} of its tables are missing; the file is corrupt.");
        }
    }

    /// <summary>
    /// One upgrade step: adds <paramref name="column"/> (its definition) to <c>instances</c> and records
    /// <paramref name="toVersion"/>, in one transaction. A file without the table is left to the table check, which
    /// reports it corrupt.
    /// </summary>
    private void AddInstancesColumn(string column, int toVersion)
    {
        var hasInstances = Convert.ToInt64(Scalar("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='instances'"), CultureInfo.InvariantCulture) == 1;
        Execute($"""
            BEGIN;
            {(hasInstances ? $"ALTER TABLE instances ADD COLUMN {column};" : string.Empty)}
            PRAGMA user_version={toVersion.ToString(CultureInfo.InvariantCulture)};
            COMMIT;
            """);
    }

    private void PrepareStatements()
    {
        _begin = Prepare("BEGIN");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        _insertInstance = Prepare(
            "INSERT OR IGNORE INTO instances (id, name, status, generation, execution_id, input, created_at, updated_at, parent_id, parent_generation, parent_task_id, version, trace_parent) VALUES ($id, $name, $status, $gen, $exec, $input, $now, $now, $pid, $pgen, $ptask, $version, $trace)",
            "$id", "$name", "$status", "$gen", "$exec", "$input", "$now", "$pid", "$pgen", "$ptask", "$version", "$trace");
        _updateInstance = Prepare(
            "UPDATE instances SET status=$status, generation=$gen, execution_id=$exec, input=$input, output=$output, custom_status=$custom, failure_type=$ftype, failure_message=$fmsg, updated_at=$now WHERE id=$id",
            "$id", "$status", "$gen", "$exec", "$input", "$output", "$custom", "$ftype", "$fmsg", "$now");
        _getInstance = Prepare($"SELECT {InstanceColumns} FROM instances WHERE id=$id", "$id");
        _appendHistory = Prepare(
            "INSERT INTO history (instance_id, seq, kind, task_id, name, data, ts) VALUES ($id, $seq, $kind, $task, $name, $data, $ts)",
            "$id", "$seq", "$kind", "$task", "$name", "$data", "$ts");
        _readHistory = Prepare("SELECT kind, task_id, name, data, ts FROM history WHERE instance_id=$id ORDER BY seq", "$id");
        _deleteHistory = Prepare("DELETE FROM history WHERE instance_id=$id", "$id");
        _deleteActivity = Prepare("DELETE FROM activities WHERE instance_id=$id AND generation=$gen AND task_id=$task", "$id", "$gen", "$task");
        _leaseActivity = Prepare("UPDATE activities SET locked_until=$until WHERE instance_id=$id AND generation=$gen AND task_id=$task", "$id", "$gen", "$task", "$until");
        _deleteActivities = Prepare("DELETE FROM activities WHERE instance_id=$id", "$id");
        _insertTimer = Prepare(
            "INSERT OR REPLACE INTO timers (instance_id, generation, task_id, fire_at) VALUES ($id, $gen, $task, $at)",
            "$id", "$gen", "$task", "$at");
        _deleteTimer = Prepare("DELETE FROM timers WHERE instance_id=$id AND generation=$gen AND task_id=$task", "$id", "$gen", "$task");
        _deleteTimers = Prepare("DELETE FROM timers WHERE instance_id=$id", "$id");
        _purgeInstance = Prepare("DELETE FROM instances WHERE id=$id AND status IN (2, 4, 5)", "$id");
        _finishedBefore = Prepare("SELECT id FROM instances WHERE status IN (2, 4, 5) AND updated_at < $before", "$before");
        _setStatus = Prepare("UPDATE instances SET status=$status, updated_at=$now WHERE id=$id", "$id", "$status", "$now");
        _holdMessage = Prepare(
            "INSERT INTO held_messages (instance_id, seq, kind, generation, task_id, name, data) " +
            "SELECT $id, coalesce(max(seq), -1) + 1, $kind, $gen, $task, $name, $data FROM held_messages WHERE instance_id=$id",
            "$id", "$kind", "$gen", "$task", "$name", "$data");
        _readHeld = Prepare("SELECT kind, generation, task_id, name, data FROM held_messages WHERE instance_id=$id ORDER BY seq", "$id");
        _deleteHeld = Prepare("DELETE FROM held_messages WHERE instance_id=$id", "$id");
        _appendHistoryRows = PrepareRows(
            "INSERT INTO history (instance_id, seq, kind, task_id, name, data, ts) VALUES ",
            static p => $"(?1, ?{p}, ?{p + 1}, ?{p + 2}, ?{p + 3}, ?{p + 4}, ?{p + 5})",
            string.Empty,
            fixedParameters: 1,
            rowParameters: 6);
        _insertActivities = PrepareRows(
            "INSERT OR REPLACE INTO activities (instance_id, generation, task_id, name, input, locked_until) VALUES ",
            static p => $"(?1, ?2, ?{p}, ?{p + 1}, ?{p + 2}, ?3)",
            string.Empty,
            fixedParameters: 3,
            rowParameters: 3);
        _deleteActivityIds = PrepareRows(
            "DELETE FROM activities WHERE instance_id=?1 AND generation=?2 AND task_id IN (",
            static p => $"?{p}",
            ")",
            fixedParameters: 2,
            rowParameters: 1);
    }

    private MultiRowCommand PrepareRows(string head, Func<int, string> row, string tail, int fixedParameters, int rowParameters)
    {
        var command = new MultiRowCommand(_connection, head, row, tail, fixedParameters, rowParameters);
        _prepared.Add(command);
        return command;
    }

    private PreparedCommand Prepare(string sql, params string[] parameterNames)
    {
        var command = new PreparedCommand(_connection, sql, parameterNames);
        _prepared.Add(command);
        return command;
    }

    private const string InstanceColumns =
        "id, name, status, generation, execution_id, input, output, custom_status, failure_type, failure_message, created_at, updated_at, parent_id, parent_generation, parent_task_id, version, trace_parent";

    public void Begin()
    {
        _begin.Execute();
        _inTransaction = true;
        HasWrites = false;
    }

    public void Commit()
    {
        _commit.Execute();
        _inTransaction = false;
    }

    public void Rollback()
    {
        if (_inTransaction)
        {
            _inTransaction = false;
            try
            {
                _rollback.Execute();
            }
            catch (SqliteException)
            {
                // SQLite may already have rolled back on its own (e.g. after an I/O error).
            }
        }
    }

    /// <summary>Inserts the new instance <paramref name="row"/> (status Running); false (nothing written) when the id exists.</summary>
    public bool InsertInstance(InstanceRow row, DateTime now)
    {
        HasWrites = true;
        return _insertInstance.Set(0, row.InstanceId).Set(1, row.Name).Set(2, (int)OrchestrationStatus.Running).Set(3, row.Generation).Set(4, row.ExecutionId)
            .Set(5, row.Input).Set(6, now.Ticks).Set(7, row.ParentInstanceId).Set(8, row.ParentGeneration).Set(9, row.ParentTaskId).Set(10, row.Version).Set(11, row.TraceParent).Execute() == 1;
    }

    public void UpdateInstance(string id, OrchestrationStatus status, long generation, string executionId, string? input, string? output, string? customStatus, FailureDetails? failure, DateTime now)
    {
        HasWrites = true;
        _updateInstance.Set(0, id).Set(1, (int)status).Set(2, generation).Set(3, executionId).Set(4, input).Set(5, output).Set(6, customStatus)
            .Set(7, failure?.ErrorType).Set(8, failure?.ErrorMessage).Set(9, now.Ticks).Execute();
    }

    public InstanceRow? GetInstance(string id)
    {
        using var reader = _getInstance.Set(0, id).Read();
        return reader.Read() ? ReadInstance(reader) : null;
    }

    /// <summary>Appends <paramref name="rows"/> to the instance's history, numbered from <paramref name="firstSeq"/>.</summary>
    public void AppendHistory(string instanceId, long firstSeq, List<HistoryRow> rows)
    {
        HasWrites = true;
        _appendHistoryRows.Execute(
            rows.Count,
            (Id: instanceId, Seq: firstSeq, Rows: rows),
            static (command, s) => command.Set(0, s.Id),
            static (command, p, i, s) =>
            {
                var row = s.Rows[i];
                command.Set(p, s.Seq + i).Set(p + 1, (int)row.Kind).Set(p + 2, row.TaskId).Set(p + 3, row.Name).Set(p + 4, row.Data).Set(p + 5, row.Timestamp.Ticks);
            });
    }

    public List<HistoryRow> ReadHistory(string instanceId)
    {
        var rows = new List<HistoryRow>();
        using var reader = _readHistory.Set(0, instanceId).Read();
        while (reader.Read())
        {
            rows.Add(new HistoryRow(
                (HistoryEventKind)reader.GetInt32(0),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                new DateTime(reader.GetInt64(4), DateTimeKind.Utc)));
        }

        return rows;
    }

    public void DeleteHistory(string instanceId)
    {
        HasWrites = true;
        _deleteHistory.Set(0, instanceId).Execute();
    }

    /// <summary>Records the activities <paramref name="items"/>[<paramref name="start"/>…] of one instance generation as pending work.</summary>
    public void InsertActivities(string instanceId, long generation, List<ActivityWorkItem> items, int start, DateTime lockedUntil)
    {
        HasWrites = true;
        _insertActivities.Execute(
            items.Count - start,
            (Id: instanceId, Generation: generation, Until: lockedUntil.Ticks, Items: items, Start: start),
            static (command, s) => command.Set(0, s.Id).Set(1, s.Generation).Set(2, s.Until),
            static (command, p, i, s) =>
            {
                var item = s.Items[s.Start + i];
                command.Set(p, item.TaskId).Set(p + 1, item.Name).Set(p + 2, item.Input);
            });
    }

    public void DeleteActivity(string instanceId, long generation, int taskId)
    {
        HasWrites = true;
        _deleteActivity.Set(0, instanceId).Set(1, generation).Set(2, taskId).Execute();
    }

    /// <summary>Deletes the pending activities <paramref name="taskIds"/> of one instance generation (their results arrived).</summary>
    public void DeleteActivities(string instanceId, long generation, List<int> taskIds)
    {
        HasWrites = true;
        _deleteActivityIds.Execute(
            taskIds.Count,
            (Id: instanceId, Generation: generation, TaskIds: taskIds),
            static (command, s) => command.Set(0, s.Id).Set(1, s.Generation),
            static (command, p, i, s) => command.Set(p, s.TaskIds[i]));
    }

    public void LeaseActivity(string instanceId, long generation, int taskId, DateTime lockedUntil)
    {
        HasWrites = true;
        _leaseActivity.Set(0, instanceId).Set(1, generation).Set(2, taskId).Set(3, lockedUntil.Ticks).Execute();
    }

    public void InsertTimer(string instanceId, long generation, int taskId, DateTime fireAt)
    {
        HasWrites = true;
        _insertTimer.Set(0, instanceId).Set(1, generation).Set(2, taskId).Set(3, fireAt.Ticks).Execute();
    }

    public void DeleteTimer(string instanceId, long generation, int taskId)
    {
        HasWrites = true;
        _deleteTimer.Set(0, instanceId).Set(1, generation).Set(2, taskId).Execute();
    }

    /// <summary>Deletes every pending activity, timer and held message of the instance (it finished or continued as new).</summary>
    public void DeleteWork(string instanceId)
    {
        HasWrites = true;
        _deleteActivities.Set(0, instanceId).Execute();
        _deleteTimers.Set(0, instanceId).Execute();
        _deleteHeld.Set(0, instanceId).Execute();
    }

    /// <summary>Changes only the runtime status (suspend, resume).</summary>
    public void SetStatus(string instanceId, OrchestrationStatus status, DateTime now)
    {
        HasWrites = true;
        _setStatus.Set(0, instanceId).Set(1, (int)status).Set(2, now.Ticks).Execute();
    }

    /// <summary>Appends a message for a suspended instance to its held messages (kept in arrival order).</summary>
    public void HoldMessage(string instanceId, int kind, long generation, int taskId, string? name, string? data)
    {
        HasWrites = true;
        _holdMessage.Set(0, instanceId).Set(1, kind).Set(2, generation).Set(3, taskId).Set(4, name).Set(5, data).Execute();
    }

    /// <summary>Removes and returns the instance's held messages, oldest first.</summary>
    public List<(int Kind, long Generation, int TaskId, string? Name, string? Data)> TakeHeldMessages(string instanceId)
    {
        var list = new List<(int, long, int, string?, string?)>();
        using (var reader = _readHeld.Set(0, instanceId).Read())
        {
            while (reader.Read())
            {
                list.Add((
                    reader.GetInt32(0),
                    reader.GetInt64(1),
                    reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        HasWrites = true;
        _deleteHeld.Set(0, instanceId).Execute();
        return list;
    }

    /// <summary>Ids of the suspended instances (reloaded on start).</summary>
    public List<string> SuspendedInstanceIds()
    {
        var ids = new List<string>();
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT id FROM instances WHERE status = {(int)OrchestrationStatus.Suspended}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Deletes a finished instance with its history and work; false when unknown or still running.</summary>
    public bool Purge(string instanceId)
    {
        HasWrites = true;
        if (_purgeInstance.Set(0, instanceId).Execute() == 0)
        {
            return false;
        }

        _deleteHistory.Set(0, instanceId).Execute();
        DeleteWork(instanceId);
        return true;
    }

    public List<string> FinishedBefore(DateTime before)
    {
        var ids = new List<string>();
        using var reader = _finishedBefore.Set(0, before.Ticks).Read();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public List<StoredActivity> ReadActivities()
    {
        var list = new List<StoredActivity>();
        using var command = _connection.CreateCommand();
        // With the instance's trace parent: a recovered activity's span joins its saga's trace like the first run's.
        command.CommandText =
            "SELECT a.instance_id, a.generation, a.task_id, a.name, a.input, a.locked_until, i.trace_parent FROM activities a LEFT JOIN instances i ON i.id = a.instance_id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new StoredActivity(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetInt32(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                new DateTime(reader.GetInt64(5), DateTimeKind.Utc),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return list;
    }

    /// <summary>Every pending timer, or only those of <paramref name="instanceId"/>.</summary>
    public List<StoredTimer> ReadTimers(string? instanceId = null)
    {
        var list = new List<StoredTimer>();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT instance_id, generation, task_id, fire_at FROM timers" + (instanceId is null ? string.Empty : " WHERE instance_id = $id");
        if (instanceId is not null)
        {
            command.Parameters.AddWithValue("$id", instanceId);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new StoredTimer(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), new DateTime(reader.GetInt64(3), DateTimeKind.Utc)));
        }

        return list;
    }

    /// <summary>One page of instances, newest first (keyset paging on created_at, id).</summary>
    public InstancePage Query(InstanceQuery query)
    {
        using var command = _connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {InstanceColumns} FROM instances WHERE 1=1");
        if (query.Statuses is { Count: > 0 } statuses)
        {
            sql.Append(" AND status IN (").AppendJoin(',', statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture))).Append(')');
        }

        if (query.Name is not null)
        {
            sql.Append(" AND name=$name");
            command.Parameters.AddWithValue("$name", query.Name);
        }

        if (query.Version is not null)
        {
            sql.Append(" AND version=$version");
            command.Parameters.AddWithValue("$version", query.Version);
        }

        if (query.CreatedFrom is { } from)
        {
            sql.Append(" AND created_at >= $from");
            command.Parameters.AddWithValue("$from", from.UtcTicks);
        }

        if (query.CreatedTo is { } to)
        {
            sql.Append(" AND created_at <= $to");
            command.Parameters.AddWithValue("$to", to.UtcTicks);
        }

        if (query.ContinuationToken is { } token)
        {
            var (createdTicks, lastId) = ContinuationToken.Decode(token);
            sql.Append(" AND (created_at < $ct OR (created_at = $ct AND id < $cid))");
            command.Parameters.AddWithValue("$ct", createdTicks);
            command.Parameters.AddWithValue("$cid", lastId);
        }

        sql.Append(" ORDER BY created_at DESC, id DESC LIMIT $limit");
        command.Parameters.AddWithValue("$limit", query.PageSize + 1);
        command.CommandText = sql.ToString();

        var items = new List<InstanceStatus>(Math.Min(query.PageSize, 1024));
        InstanceRow? last = null;
        var more = false;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (items.Count == query.PageSize)
                {
                    more = true;
                    break;
                }

                last = ReadInstance(new DataReaderRow(reader));
                items.Add(last.ToStatus(query.IncludePayloads));
            }
        }

        return new InstancePage(items, more && last is not null ? ContinuationToken.Encode(last.CreatedAt.Ticks, last.InstanceId) : null);
    }

    private static InstanceRow ReadInstance<TRow>(TRow r)
        where TRow : IRowReader => new(
        r.GetString(0),
        r.GetString(1),
        (OrchestrationStatus)r.GetInt32(2),
        r.GetInt64(3),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7),
        r.IsDBNull(8) ? null : r.GetString(8),
        r.IsDBNull(9) ? null : r.GetString(9),
        new DateTime(r.GetInt64(10), DateTimeKind.Utc),
        new DateTime(r.GetInt64(11), DateTimeKind.Utc),
        r.IsDBNull(12) ? null : r.GetString(12),
        r.GetInt64(13),
        r.GetInt32(14),
        r.GetString(15),
        r.IsDBNull(16) ? null : r.GetString(16));

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        // Every statement is finalized before the connection closes (an open statement would keep the file open).
        foreach (var command in _prepared)
        {
            command.Dispose();
        }

        _prepared.Clear();
        _connection.Dispose();
    }
}
