using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SagaFunctions.Runtime.Storage;

/// <summary>
/// A SQLite statement prepared once on the connection's native handle and reused with new values. Values are bound
/// straight into the statement: no parameter objects, no boxing, text bound as UTF-16 without an encoded copy, no
/// reader per execution. (Through <see cref="SqliteCommand"/> every execution allocated a data reader, a binder per
/// parameter and a UTF-8 buffer per text value: about 20 KB of an order saga's 25 KB.) Errors surface as
/// <see cref="SqliteException"/>, as they did through the command.
/// </summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[]? _slots;

    /// <param name="connection">The open connection.</param>
    /// <param name="sql">One statement.</param>
    /// <param name="parameterNames">The statement's named parameters; <see cref="Set(int, long)"/> takes an index into this list.
    /// None: the statement's parameters are numbered (<c>?1</c>, <c>?2</c>…) and index <c>i</c> is <c>?(i+1)</c>.</param>
    public PreparedCommand(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement));
        if (parameterNames.Length == 0)
        {
            return;
        }

        _slots = new int[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            _slots[i] = raw.sqlite3_bind_parameter_index(_statement, parameterNames[i]);
            if (_slots[i] == 0)
            {
                throw new ArgumentException($"The statement has no parameter {parameterNames[i]}: {sql}", nameof(parameterNames));
            }
        }
    }

    public PreparedCommand Set(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, Slot(index), value));
        return this;
    }

    public PreparedCommand Set(int index, string? value)
    {
        // An empty span has no address and would bind NULL: the empty string goes through the (allocating) UTF-8 path.
        Check(value switch
        {
            null => raw.sqlite3_bind_null(_statement, Slot(index)),
            { Length: 0 } => raw.sqlite3_bind_text(_statement, Slot(index), string.Empty),
            _ => raw.sqlite3_bind_text16(_statement, Slot(index), value.AsSpan()),
        });
        return this;
    }

    /// <summary>Runs the statement to completion; returns the number of rows it changed.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        while (rc == raw.SQLITE_ROW)
        {
            rc = raw.sqlite3_step(_statement);
        }

        Finish(rc);
        return raw.sqlite3_changes(_db);
    }

    /// <summary>Starts reading the statement's rows; disposing the result resets the statement.</summary>
    public PreparedRows Read() => new(this);

    public void Dispose() => _statement.Dispose();

    /// <summary>Steps to the next row; false at the end (the statement is then reset).</summary>
    internal bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        Finish(rc);
        return false;
    }

    private int Slot(int index) => _slots is null ? index + 1 : _slots[index];

    internal void Reset() => raw.sqlite3_reset(_statement);

    internal bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    internal long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    internal string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string() ?? string.Empty;

    /// <summary>Resets the statement after its last step and throws <see cref="SqliteException"/> when that step failed.</summary>
    private void Finish(int rc)
    {
        try
        {
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
