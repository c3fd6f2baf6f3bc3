using SagaFunctions.Sagas.DeadLetters;
using SagaFunctions.Standalone.DeadLetters;
using SagaFunctions.Standalone.Tests.Contract;
using SagaFunctions.Standalone.Tests.Support;

namespace SagaFunctions.Standalone.Tests.Store;

public sealed class SqliteDeadLetterStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string DbPath => Path.Combine(_directory.Path, "nested", "dead-letters.db");

    [Fact]
    public async Task Add_SameIdTwice_KeepsTheFirstRecord()
    {
        var store = new SqliteDeadLetterStore(DbPath);
        var first = DeadLetterApiTests.Letter("i-1:Step", 1);
        await store.AddAsync(first, CancellationToken.None);

        await store.AddAsync(first with { ErrorMessage = "second write" }, CancellationToken.None);

        var entry = await store.GetAsync("i-1:Step", CancellationToken.None);
        Assert.Equal(first, entry!.Record);
        Assert.Equal(DeadLetterStatus.Open, entry.Status);
        Assert.Single(await store.ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Update_ChangesReviewStateAndSurvivesReopening()
    {
        var store = new SqliteDeadLetterStore(DbPath);
        await store.AddAsync(DeadLetterApiTests.Letter("i-1:Step", 1), CancellationToken.None);
        var entry = (await store.GetAsync("i-1:Step", CancellationToken.None))!;
        var resolvedAt = new DateTime(2030, 2, 1, 10, 0, 0, DateTimeKind.Utc);

        Assert.True(await store.UpdateAsync(
            entry with { Status = DeadLetterStatus.Resolved, RetryCount = 2, LastRetryInstanceId = "r-2", LastRetryError = "e", ResolvedAt = resolvedAt, Resolution = "ok" },
            CancellationToken.None));

        var reopened = await new SqliteDeadLetterStore(DbPath).GetAsync("i-1:Step", CancellationToken.None);
        Assert.Equal(DeadLetterStatus.Resolved, reopened!.Status);
        Assert.Equal(2, reopened.RetryCount);
        Assert.Equal("r-2", reopened.LastRetryInstanceId);
        Assert.Equal("e", reopened.LastRetryError);
        Assert.Equal(resolvedAt, reopened.ResolvedAt);
        Assert.Equal(DateTimeKind.Utc, reopened.ResolvedAt!.Value.Kind);
        Assert.Equal("ok", reopened.Resolution);
        Assert.Equal(entry.Record, reopened.Record);
    }

    [Fact]
    public async Task Update_UnknownId_ReturnsFalse()
    {
        var store = new SqliteDeadLetterStore(DbPath);
        var ghost = new DeadLetterEntry(DeadLetterApiTests.Letter("x:y", 1), DeadLetterStatus.Resolved, 0, null, null, null, null);

        Assert.False(await store.UpdateAsync(ghost, CancellationToken.None));
        Assert.Null(await store.GetAsync("x:y", CancellationToken.None));
    }

    [Fact]
    public async Task List_FiltersByStatusOldestFailureFirst()
    {
        var store = new SqliteDeadLetterStore(DbPath);
        await store.AddAsync(DeadLetterApiTests.Letter("b:Step", 5), CancellationToken.None);
        await store.AddAsync(DeadLetterApiTests.Letter("a:Step", 9), CancellationToken.None);
        await store.AddAsync(DeadLetterApiTests.Letter("c:Step", 1), CancellationToken.None);
        var c = (await store.GetAsync("c:Step", CancellationToken.None))!;
        await store.UpdateAsync(c with { Status = DeadLetterStatus.RetryFailed }, CancellationToken.None);

        var open = await store.ListAsync(DeadLetterStatus.Open, CancellationToken.None);
        var all = await store.ListAsync(null, CancellationToken.None);

        Assert.Equal(["b:Step", "a:Step"], open.Select(e => e.Record.Id));
        Assert.Equal(["c:Step", "b:Step", "a:Step"], all.Select(e => e.Record.Id));
        Assert.Empty(await store.ListAsync(DeadLetterStatus.Resolved, CancellationToken.None));
    }

    [Fact]
    public void Constructor_EmptyPath_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SqliteDeadLetterStore(" "));
    }
}
