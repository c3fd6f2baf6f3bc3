using Azure.Data.Tables;

namespace SagaFunctions.FunctionApp.Tests.Storage;

/// <summary>The start claims on Azurite: one winner among concurrent claimers, and the stale-claim takeover rule.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableInstanceStartClaimsTests(AzuriteFixture azurite)
{
    private readonly ManualTime _time = new();

    private TableInstanceStartClaims Claims(string table) => new(new TableClient(azurite.ConnectionString, table), _time);

    private static string NewTable() => "claims" + Guid.NewGuid().ToString("N")[..16];

    private static Func<CancellationToken, Task<bool>> Exists(bool exists) => _ => Task.FromResult(exists);

    [Fact]
    public async Task TryClaimAsync_EightConcurrentClaimersOfOneId_ExactlyOneWins()
    {
        var table = NewTable();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Claims(table).TryClaimAsync("o/1 #?", Exists(false), CancellationToken.None))));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task TryClaimAsync_FreshClaimOfAnotherCaller_Refused()
    {
        var claims = Claims(NewTable());
        await claims.TryClaimAsync("o-1", Exists(false), CancellationToken.None);
        _time.Advance(TableInstanceStartClaims.StaleAfter - TimeSpan.FromSeconds(1));

        Assert.False(await claims.TryClaimAsync("o-1", Exists(false), CancellationToken.None));
        Assert.True(await claims.TryClaimAsync("o-2", Exists(false), CancellationToken.None));
    }

    [Fact]
    public async Task TryClaimAsync_StaleClaimWhoseInstanceNeverStarted_TakenOverByOneCaller()
    {
        var table = NewTable();
        await Claims(table).TryClaimAsync("o-1", Exists(false), CancellationToken.None);
        _time.Advance(TableInstanceStartClaims.StaleAfter + TimeSpan.FromSeconds(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Claims(table).TryClaimAsync("o-1", Exists(false), CancellationToken.None))));

        Assert.Single(results, won => won);
        Assert.False(await Claims(table).TryClaimAsync("o-1", Exists(false), CancellationToken.None));
    }

    [Fact]
    public async Task TryClaimAsync_StaleClaimWhoseInstanceExists_Refused()
    {
        var claims = Claims(NewTable());
        await claims.TryClaimAsync("o-1", Exists(false), CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(30));

        Assert.False(await claims.TryClaimAsync("o-1", Exists(true), CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseAsync_ClaimedId_CanBeClaimedAgainAndReleasingTwiceIsHarmless()
    {
        var claims = Claims(NewTable());
        await claims.TryClaimAsync("o-1", Exists(false), CancellationToken.None);

        await claims.ReleaseAsync("o-1", CancellationToken.None);
        await claims.ReleaseAsync("o-1", CancellationToken.None);

        Assert.True(await claims.TryClaimAsync("o-1", Exists(false), CancellationToken.None));
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
