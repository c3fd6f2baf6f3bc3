using System.Net;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Reserve_FiftyConcurrentOnItem002_NeverOversells()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var inventory = host.Client<InventoryClient>();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            inventory.ReserveAsync($"reserve-{i}", new ReserveRequest($"O-{i}", [new LineItem("ITEM-002", 1)]))));

        Assert.Equal(10, results.Count(r => r.Succeeded));
        Assert.Equal(40, results.Count(r => r.Code == RejectionCodes.OutOfStock));
        Assert.Equal(new StockLevel("ITEM-002", 0, 10), await inventory.GetStockAsync("ITEM-002"));
    }

    [Fact]
    public async Task Reserve_ConcurrentMultiUnitRequests_NeverOversell()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var inventory = host.Client<InventoryClient>();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            inventory.ReserveAsync($"reserve-{i}", new ReserveRequest($"O-{i}", [new LineItem("ITEM-002", 1 + (i % 3))]))));

        var reserved = results.Where(r => r.Succeeded).Sum(r => r.Value!.Items.Single().Quantity);
        var level = (await inventory.GetStockAsync("ITEM-002"))!;
        Assert.InRange(reserved, 1, 10);
        Assert.Equal(reserved, level.Reserved);
        Assert.Equal(10 - reserved, level.Stock);
    }

    [Fact]
    public async Task Hold_ConcurrentHoldsOfTheSameSeat_OnlyOneWins()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var seats = host.Client<SeatsClient>();

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            seats.HoldAsync($"hold-{i}", new HoldSeatsRequest("EVT-001", ["A7", $"A{8 + (i % 5)}"], $"C-{i}", $"B-{i}"))));

        var winners = results.Where(r => r.Succeeded).ToList();
        Assert.Single(winners, w => w.Value!.SeatIds.Contains("A7"));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(RejectionCodes.SeatUnavailable, r.Code));
        var view = (await seats.GetSeatsAsync("EVT-001"))!;
        var heldSeats = view.Seats.Where(s => s.State == "held").Select(s => s.SeatId).Order().ToList();
        Assert.Equal(winners.SelectMany(w => w.Value!.SeatIds).Order().ToList(), heldSeats);
    }

    [Fact]
    public async Task MixedDebitCreditReverse_1000Concurrent_ConserveTotalBalance()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();
        string[] ids = ["ACC-001", "ACC-002", "ACC-003"];

        // 250 concurrent transfers of exactly 4 calls each (1,000 in all): debit, credit, then either a compensation
        // (reverse the credit, then the debit) or repeats of both (idempotent replays). A rejected debit is followed
        // by compensations of a debit that never happened and a repeat.
        async Task<int> TransferAsync(int i)
        {
            var from = ids[i % 3];
            var to = ids[(i + 1) % 3];
            var amount = 5m + (i % 7) * 20m;
            var debit = await accounts.DebitAsync($"T{i}:debit", new DebitRequest(from, amount, $"T{i}"));
            if (!debit.Succeeded)
            {
                Assert.Equal(RejectionCodes.InsufficientFunds, debit.Code);
                var undo = await accounts.ReverseAsync($"T{i}:reverse-debit", new ReverseRequest(DebitKey: $"T{i}:debit"));
                Assert.True(undo.Value!.NothingToUndo);
                Assert.Equal(RejectionCodes.InsufficientFunds, (await accounts.DebitAsync($"T{i}:debit", new DebitRequest(from, amount, $"T{i}"))).Code);
                Assert.True((await accounts.ReverseAsync($"T{i}:reverse-debit-2", new ReverseRequest(DebitKey: $"T{i}:debit"))).Succeeded);
                return 4;
            }

            var credit = await accounts.CreditAsync($"T{i}:credit", new CreditRequest(to, amount, $"T{i}"));
            Assert.True(credit.Succeeded);
            if (i % 2 == 0)
            {
                var reverseCredit = await accounts.ReverseAsync($"T{i}:reverse-credit", new ReverseRequest(CreditKey: $"T{i}:credit"));
                if (reverseCredit.Succeeded)
                {
                    Assert.Equal("reversed", (await accounts.ReverseAsync($"T{i}:reverse-debit", new ReverseRequest(DebitKey: $"T{i}:debit"))).Value!.Status);
                }
                else
                {
                    // The receiver already spent it: the transfer completes instead (forward recovery).
                    Assert.Equal(RejectionCodes.InsufficientFunds, reverseCredit.Code);
                    Assert.True((await accounts.CreditAsync($"T{i}:credit", new CreditRequest(to, amount, $"T{i}"))).Replayed);
                }

                return 4;
            }

            Assert.True((await accounts.DebitAsync($"T{i}:debit", new DebitRequest(from, amount, $"T{i}"))).Replayed);
            Assert.True((await accounts.CreditAsync($"T{i}:credit", new CreditRequest(to, amount, $"T{i}"))).Replayed);
            return 4;
        }

        var calls = (await Task.WhenAll(Enumerable.Range(0, 250).Select(TransferAsync))).Sum();

        Assert.Equal(1000, calls);
        var all = await host.GetAsync<List<AccountView>>("/participants/accounts");
        Assert.Equal(2250.00m, all.Sum(a => a.Balance));
        foreach (var account in all)
        {
            var ledger = await host.GetAsync<List<LedgerEntry>>($"/participants/accounts/{account.Id}/ledger");
            var opening = account.Id switch { "ACC-001" => 1000m, "ACC-002" => 500m, _ => 750m };
            Assert.Equal(account.Balance, opening + ledger.Sum(e => e.Amount));
            Assert.All(ledger, e => Assert.True(e.BalanceAfter >= 0));
        }
    }

    [Fact]
    public async Task Debit_ConcurrentDistinctDebits_NeverOverdraw()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var accounts = host.Client<AccountsClient>();

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            accounts.DebitAsync($"d-{i}", new DebitRequest("ACC-002", 10m, $"T-{i}"))));

        Assert.Equal(50, results.Count(r => r.Succeeded));
        Assert.Equal(10, results.Count(r => r.Code == RejectionCodes.InsufficientFunds));
        Assert.Equal(0.00m, (await accounts.GetAccountAsync("ACC-002"))!.Balance);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (HttpStatusCode)results.First(r => !r.Succeeded).StatusCode);
    }
}
