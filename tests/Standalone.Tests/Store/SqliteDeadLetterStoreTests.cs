using Microsoft.Data.Sqlite;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Standalone.DeadLetters;
using SagaFunctions.Standalone.Tests.Contract;
using SagaFunctions.Standalone.Tests.Support;

namespace SagaFunctions.Standalone.Tests.Store;

/// <summary>
/// What only the SQLite store has: a file that survives reopening and older files upgraded in place. The store contract
/// every dead-letter store passes (tests/FunctionApp.Tests/Storage) runs on this store too.
/// </summary>
public sealed class SqliteDeadLetterStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string DbPath => Path.Combine(_directory.Path, "nested", "dead-letters.db");

    [Fact]
    public async Task Update_ChangesReviewStateAndSurvivesReopening()
    {
        var store = new SqliteDeadLetterStore(DbPath);
        await store.AddAsync(DeadLetterApiTests.Letter("i-1:Step", 1), CancellationToken.None);
        var entry = (await store.GetAsync("i-1:Step", CancellationToken.None))!;
        var resolvedAt = new DateTime(2030, 2, 1, 10, 0, 0, DateTimeKind.Utc);

        var update = await store.UpdateAsync(
            "i-1:Step",
            e => e with { Status = DeadLetterStatus.Resolved, RetryCount = 2, LastRetryInstanceId = "r-2", LastRetryError = "e", ResolvedAt = resolvedAt, Resolution = "ok" },
            CancellationToken.None);

        var reopened = await new SqliteDeadLetterStore(DbPath).GetAsync("i-1:Step", CancellationToken.None);
        Assert.True(update!.Changed);
        Assert.Equal(update.Entry, reopened);
        Assert.Equal(DateTimeKind.Utc, reopened!.ResolvedAt!.Value.Kind);
        Assert.Equal(entry.Record, reopened.Record);
    }

    [Fact]
    public async Task Constructor_FileWithoutVersionColumn_AddsItAndKeepsTheRows()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        var store = new SqliteDeadLetterStore(DbPath);
        await store.AddAsync(DeadLetterApiTests.Letter("i-1:Step", 1), CancellationToken.None);
        using (var connection = new SqliteConnection($"Data Source={DbPath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE dead_letters DROP COLUMN version;";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var upgraded = new SqliteDeadLetterStore(DbPath);
        var update = await upgraded.UpdateAsync("i-1:Step", e => e with { RetryCount = 1 }, CancellationToken.None);

        Assert.Equal(1, update!.Entry.RetryCount);
        Assert.Equal(1, (await upgraded.GetAsync("i-1:Step", CancellationToken.None))!.RetryCount);
    }

    [Fact]
    public void Constructor_EmptyPath_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SqliteDeadLetterStore(" "));
    }
}
