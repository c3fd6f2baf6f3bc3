using Microsoft.Data.Sqlite;

namespace SagaFunctions.Runtime.CrashHost;

/// <summary>
/// The "participant": its own SQLite file. Every attempt is counted; the effect itself is applied once per
/// idempotency key (<c>INSERT OR IGNORE</c>), as a real participant deduplicates.
/// </summary>
internal sealed class EffectsStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public EffectsStore(string path)
    {
        _connection = new SqliteConnection($"Data Source={path};Pooling=False");
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS effects (key TEXT PRIMARY KEY, applied INTEGER NOT NULL DEFAULT 1);
            CREATE TABLE IF NOT EXISTS attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
    }

    public async Task<string> ApplyAsync(string key, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO attempts (key) VALUES ($key); INSERT OR IGNORE INTO effects (key) VALUES ($key);";
            command.Parameters.AddWithValue("$key", key);
            command.ExecuteNonQuery();
        }
        finally
        {
            _lock.Release();
        }

        // Widen the window in which a kill lands between the effect and the commit of its result.
        await Task.Delay(3, cancellationToken).ConfigureAwait(false);
        return "done:" + key;
    }

    public void Dispose()
    {
        _connection.Dispose();
        _lock.Dispose();
    }
}
