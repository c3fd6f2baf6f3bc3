using Microsoft.Data.Sqlite;

namespace SagaFunctions.Participants.Infrastructure;

/// <summary>
/// One service's own SQLite database (<c>{DataDirectory}/{service}.db</c>, WAL unless configured otherwise), or a private shared-cache in-memory
/// database when <see cref="ParticipantsOptions.InMemory"/> is set. Every access is serialized by a per-service
/// semaphore and every write runs in one <c>BEGIN IMMEDIATE</c> transaction, so a check-then-act (stock, seats,
/// balance, idempotency key) is atomic, also against another process sharing the file.
/// </summary>
internal sealed class ParticipantDatabase : IDisposable
{
    private const string InfrastructureSchema = """
        CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS idempotency (
            operation TEXT NOT NULL,
            key TEXT NOT NULL,
            request_hash TEXT NULL,
            status_code INTEGER NOT NULL,
            content_type TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (operation, key));
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _connectionString;
    private readonly SqliteConnection? _keepAlive;

    public ParticipantDatabase(string service, ParticipantsOptions options, string schema, Action<SqliteTransaction> seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        Service = service;
        if (options.InMemory)
        {
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = $"participants-{service}-{Guid.NewGuid():N}",
                Mode = SqliteOpenMode.Memory,
                Cache = SqliteCacheMode.Shared,

                // Unpooled, so the database is freed when the app (and its keep-alive connection) goes away.
                Pooling = false,
            }.ToString();
            _keepAlive = new SqliteConnection(_connectionString);
            _keepAlive.Open();
        }
        else
        {
            if (string.IsNullOrWhiteSpace(options.DataDirectory))
            {
                throw new InvalidOperationException("Participants:DataDirectory must name a folder (or set Participants:InMemory=true).");
            }

            var directory = Path.GetFullPath(options.DataDirectory);
            Directory.CreateDirectory(directory);
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(directory, service + ".db"),
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            connection.Execute(options.JournalMode.Equals("DELETE", StringComparison.OrdinalIgnoreCase)
                ? "PRAGMA journal_mode=DELETE;"
                : "PRAGMA journal_mode=WAL;");
        }

        Initialize(schema, seed);
    }

    public string Service { get; }

    /// <summary>Runs <paramref name="work"/> in one immediate transaction; commits when it returns, rolls back when it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Write(work);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs a read under the service's lock (a consistent snapshot between writes).</summary>
    public Task<T> ReadAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        WriteAsync(work, cancellationToken);

    public void Dispose()
    {
        _keepAlive?.Dispose();
        _gate.Dispose();
    }

    private T Write<T>(Func<SqliteTransaction, T> work)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = work(transaction);
        transaction.Commit();
        return result;
    }

    private void Initialize(string schema, Action<SqliteTransaction> seed) =>
        Write(transaction =>
        {
            transaction.Execute(InfrastructureSchema);
            transaction.Execute(schema);
            var seeded = transaction.Scalar<long>("SELECT COUNT(*) FROM meta WHERE name = 'seeded'");
            if (seeded == 0)
            {
                seed(transaction);
                transaction.Execute("INSERT INTO meta (name, value) VALUES ('seeded', 'true')");
            }

            return true;
        });
}
