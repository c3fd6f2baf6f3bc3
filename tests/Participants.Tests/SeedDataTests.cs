using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class SeedDataTests
{
    [Theory]
    [InlineData("ACC-001", "Alice", 1000.00)]
    [InlineData("ACC-002", "Bob", 500.00)]
    [InlineData("ACC-003", "Charlie", 750.00)]
    public async Task GetAccount_SeededAccount_HasOwnerAndBalance(string id, string owner, double balance)
    {
        await using var host = await ParticipantsHost.StartAsync();

        var account = await host.GetAsync<AccountView>($"/participants/accounts/{id}");

        Assert.Equal(new AccountView(id, owner, (decimal)balance), account);
    }

    [Theory]
    [InlineData("ITEM-001", 100)]
    [InlineData("ITEM-002", 10)]
    [InlineData("ITEM-003", 0)]
    public async Task GetInventory_SeededSku_HasStockAndNothingReserved(string sku, int stock)
    {
        await using var host = await ParticipantsHost.StartAsync();

        var level = await host.GetAsync<StockLevel>($"/participants/inventory/{sku}");

        Assert.Equal(new StockLevel(sku, stock, 0), level);
    }

    [Fact]
    public async Task GetSeats_Evt001_HasTwentyFreeSeatsA1ToA20()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var seats = await host.GetAsync<EventSeats>("/participants/seats/EVT-001");

        Assert.Equal("EVT-001", seats.EventId);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"A{i}"), seats.Seats.Select(s => s.SeatId));
        Assert.All(seats.Seats, s => Assert.Equal("free", s.State));
    }

    [Fact]
    public async Task GetSeats_Evt002_IsSoldOut()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var seats = await host.GetAsync<EventSeats>("/participants/seats/EVT-002");

        Assert.NotEmpty(seats.Seats);
        Assert.All(seats.Seats, s => Assert.Equal("sold", s.State));
    }

    [Fact]
    public async Task GetEnvironments_Seeded_StagingAndProductionRun100()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var environments = await host.GetAsync<List<EnvironmentView>>("/participants/environments");

        Assert.Equal(["production", "staging"], environments.Select(e => e.Environment));
        Assert.All(environments, e => Assert.Equal("1.0.0", e.Version));
    }

    [Fact]
    public async Task Restart_SameDataDirectory_KeepsDataAndDoesNotReseed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "participants-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = await ParticipantsHost.StartAsync(dataDirectory: directory))
            {
                var debit = await first.Client<AccountsClient>().DebitAsync("seed-debit", new DebitRequest("ACC-001", 100m, "T-1"));
                Assert.True(debit.Succeeded);
                var reserve = await first.Client<InventoryClient>().ReserveAsync("seed-reserve", new ReserveRequest("O-1", [new LineItem("ITEM-001", 5)]));
                Assert.True(reserve.Succeeded);
            }

            Assert.True(File.Exists(Path.Combine(directory, "accounts.db")));
            await using var second = await ParticipantsHost.StartAsync(dataDirectory: directory);

            Assert.Equal(900.00m, (await second.GetAsync<AccountView>("/participants/accounts/ACC-001")).Balance);
            Assert.Equal(new StockLevel("ITEM-001", 95, 5), await second.GetAsync<StockLevel>("/participants/inventory/ITEM-001"));
            var replay = await second.Client<AccountsClient>().DebitAsync("seed-debit", new DebitRequest("ACC-001", 100m, "T-1"));
            Assert.True(replay.Replayed);
            Assert.Equal(900.00m, (await second.GetAsync<AccountView>("/participants/accounts/ACC-001")).Balance);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Start_DeletedDataDirectory_Reseeds()
    {
        var directory = Path.Combine(Path.GetTempPath(), "participants-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = await ParticipantsHost.StartAsync(dataDirectory: directory))
            {
                Assert.True((await first.Client<AccountsClient>().DebitAsync("k", new DebitRequest("ACC-002", 500m, "T-1"))).Succeeded);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
            await using var second = await ParticipantsHost.StartAsync(dataDirectory: directory);

            Assert.Equal(500.00m, (await second.GetAsync<AccountView>("/participants/accounts/ACC-002")).Balance);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task InMemoryHosts_AreIsolatedFromEachOther()
    {
        await using var first = await ParticipantsHost.StartAsync();
        await using var second = await ParticipantsHost.StartAsync();

        Assert.True((await first.Client<AccountsClient>().DebitAsync("k", new DebitRequest("ACC-001", 1m, "T"))).Succeeded);

        Assert.Equal(999.00m, (await first.GetAsync<AccountView>("/participants/accounts/ACC-001")).Balance);
        Assert.Equal(1000.00m, (await second.GetAsync<AccountView>("/participants/accounts/ACC-001")).Balance);
    }
}
