using Microsoft.Data.Sqlite;

namespace SagaFunctions.Standalone;

/// <summary>
/// One SQLite file of Standalone's data folder (dead letters, audit trail, choreographies): the folder is created, the
/// file is opened in WAL mode with <paramref name="schema"/> applied (idempotent DDL), and connections are pooled.
/// </summary>
public sealed class SqliteDataFile
{
    private readonly string _connectionString;

    public SqliteDataFile(string databasePath, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;\n" + schema;
        command.ExecuteNonQuery();
    }

    /// <summary>An open connection to the file (dispose it).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
