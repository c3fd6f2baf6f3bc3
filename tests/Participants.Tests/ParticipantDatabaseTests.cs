using Microsoft.Data.Sqlite;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Tests;

/// <summary>The storage guarantees the idempotency story rests on.</summary>
public sealed class ParticipantDatabaseTests
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS things (id TEXT PRIMARY KEY);";

    [Fact]
    public async Task Write_ThatThrows_RollsBackEffectAndStoredResponse()
    {
        using var database = new ParticipantDatabase("test", new ParticipantsOptions { InMemory = true }, Schema, _ => { });

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.WriteAsync<bool>(
            tx =>
            {
                tx.Execute("INSERT INTO things (id) VALUES ('a')");
                IdempotencyStore.Save(tx, "op", "key", "hash", new StoredResponse(200, "application/json", "{}"), DateTimeOffset.UnixEpoch);
                throw new InvalidOperationException("crash between effect and answer");
            },
            CancellationToken.None));

        var (things, stored) = await database.ReadAsync(
            tx => (tx.Scalar<long>("SELECT COUNT(*) FROM things"), IdempotencyStore.Find(tx, "op", "key")),
            CancellationToken.None);
        Assert.Equal(0, things);
        Assert.Null(stored);
    }

    [Fact]
    public async Task Seed_RunsOnlyOnFirstStart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "participants-db-" + Guid.NewGuid().ToString("N"));
        var options = new ParticipantsOptions { DataDirectory = directory };
        var seeds = 0;
        void Seed(SqliteTransaction tx)
        {
            seeds++;
            tx.Execute("INSERT INTO things (id) VALUES ('seed')");
        }

        try
        {
            using (var first = new ParticipantDatabase("test", options, Schema, Seed))
            {
                await first.WriteAsync(tx => tx.Execute("DELETE FROM things"), CancellationToken.None);
            }

            using var second = new ParticipantDatabase("test", options, Schema, Seed);

            Assert.Equal(1, seeds);
            Assert.Equal(0, await second.ReadAsync(tx => tx.Scalar<long>("SELECT COUNT(*) FROM things"), CancellationToken.None));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Tombstone_DoesNotReplaceAStoredResponse()
    {
        using var database = new ParticipantDatabase("test", new ParticipantsOptions { InMemory = true }, Schema, _ => { });
        var original = new StoredResponse(200, "application/json", """{"ok":true}""");

        var stored = await database.WriteAsync(
            tx =>
            {
                IdempotencyStore.Save(tx, "charge", "k", "hash", original, DateTimeOffset.UnixEpoch);
                IdempotencyStore.Tombstone(tx, "charge", "k", "refund r", DateTimeOffset.UnixEpoch);
                return IdempotencyStore.Find(tx, "charge", "k");
            },
            CancellationToken.None);

        Assert.Equal(original, stored!.Response);
        Assert.Equal("hash", stored.Hash);
    }

    [Fact]
    public void Constructor_NoDataDirectory_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ParticipantDatabase("test", new ParticipantsOptions { DataDirectory = " " }, Schema, _ => { }));

        Assert.Contains("DataDirectory", error.Message, StringComparison.Ordinal);
    }
}
