using System.Net;
using System.Text.Json;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Contract;

public sealed class SagaStatsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2020, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private ContractHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ContractHost.StartAsync();

        // order: two completed (1 s and 3 s), one compensated, one compensation_failed, one running for years (stuck).
        Seed("o-1", TestSagas.OrderOrchestrator, "Completed", new { status = "completed" }, new { phase = "Completed" }, Day, seconds: 1);
        Seed("o-2", TestSagas.OrderOrchestrator, "Completed", new { status = "completed" }, new { phase = "Completed" }, Day.AddHours(1), seconds: 3);
        Seed("o-3", TestSagas.OrderOrchestrator, "Completed", new { status = "failed" }, new { phase = "Compensated" }, Day.AddHours(2), seconds: 10);
        Seed("o-4", TestSagas.OrderOrchestrator, "Completed", new { status = "failed" }, new { phase = "CompensationFailed" }, Day.AddHours(3), seconds: 20);
        Seed("o-5", TestSagas.OrderOrchestrator, "Running", null, new { phase = "Running", currentStep = "ChargePayment" }, Day.AddHours(4), seconds: 1);
        Seed("t-1", TestSagas.TicketingOrchestrator, "Terminated", null, null, Day.AddDays(1), seconds: 2);
        Seed("r-1", "RetryDeadLetter", "Completed", null, null, Day.AddHours(5), seconds: 1);

        await _host.DeadLetters.AddAsync(DeadLetterApiTests.Letter("o-4:RefundPayment", 1), CancellationToken.None);
        await _host.DeadLetters.AddAsync(DeadLetterApiTests.Letter("o-9:RefundPayment", 2), CancellationToken.None);
        await _host.DeadLetters.UpdateAsync(
            "o-9:RefundPayment", e => e with { Status = DeadLetterStatus.Resolved, Resolution = "by hand" }, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Stats_NoRange_CountsEverySagaByStatusWithRatesDurationsDeadLettersAndStuck()
    {
        var stats = await JsonAsync(await _host.Client.GetAsync("/api/sagas/stats"), HttpStatusCode.OK);

        var order = Saga(stats, "order");
        Assert.Equal(5, order.GetProperty("total").GetInt32());
        var byStatus = order.GetProperty("byStatus");
        Assert.Equal(2, byStatus.GetProperty("completed").GetInt32());
        Assert.Equal(2, byStatus.GetProperty("failed").GetInt32());
        Assert.Equal(1, byStatus.GetProperty("running").GetInt32());
        Assert.Equal(0.4, order.GetProperty("compensationRate").GetDouble());
        var duration = order.GetProperty("durationMs");
        Assert.Equal(3000, duration.GetProperty("p50").GetDouble());
        Assert.Equal(20000, duration.GetProperty("p95").GetDouble());
        Assert.Equal(20000, duration.GetProperty("max").GetDouble());

        var ticketing = Saga(stats, "ticketing");
        Assert.Equal(1, ticketing.GetProperty("total").GetInt32());
        Assert.Equal(1, ticketing.GetProperty("byStatus").GetProperty("terminated").GetInt32());
        Assert.Equal(0, ticketing.GetProperty("compensationRate").GetDouble());

        var deadLetters = stats.GetProperty("deadLetters");
        Assert.Equal(1, deadLetters.GetProperty("open").GetInt32());
        Assert.Equal(0, deadLetters.GetProperty("retrying").GetInt32());
        Assert.Equal(0, deadLetters.GetProperty("retryFailed").GetInt32());
        Assert.Equal(1, deadLetters.GetProperty("resolved").GetInt32());
        Assert.Equal(1, stats.GetProperty("stuck").GetInt32());
    }

    [Fact]
    public async Task Stats_SagaWithoutInstances_IsListedWithZeroes()
    {
        var stats = await JsonAsync(await _host.Client.GetAsync("/api/sagas/stats"), HttpStatusCode.OK);

        var rows = stats.GetProperty("sagas").EnumerateArray().Select(s => s.GetProperty("saga").GetString()).ToList();
        Assert.Equal(TestSagas.All.Select(s => s.Route), rows);
        Assert.DoesNotContain(rows, r => r == "RetryDeadLetter");
    }

    [Fact]
    public async Task Stats_FromTo_CountOnlyInstancesCreatedInRangeAndPassTheRangeToTheEngine()
    {
        var stats = await JsonAsync(
            await _host.Client.GetAsync("/api/sagas/stats?from=2020-03-01T00:30:00Z&to=2020-03-01T02:30:00Z"), HttpStatusCode.OK);

        var order = Saga(stats, "order");
        Assert.Equal(2, order.GetProperty("total").GetInt32());
        Assert.Equal(0.5, order.GetProperty("compensationRate").GetDouble());
        Assert.Equal(0, Saga(stats, "ticketing").GetProperty("total").GetInt32());
        Assert.Equal(0, stats.GetProperty("stuck").GetInt32());
        Assert.Equal(Day.AddMinutes(30), _host.Engine.LastQuery!.CreatedFrom);
        Assert.Equal(Day.AddHours(2).AddMinutes(30), _host.Engine.LastQuery.CreatedTo);
    }

    [Fact]
    public async Task Stats_ManyInstances_ArePagedThroughTheEngineQuery()
    {
        for (var i = 0; i < 1200; i++)
        {
            _host.Engine.Seed($"bulk-{i}", TestSagas.OrderOrchestrator, "Completed", output: new { status = "completed" }, createdAt: Day.AddDays(10).AddSeconds(i));
        }

        var stats = await JsonAsync(await _host.Client.GetAsync("/api/sagas/stats"), HttpStatusCode.OK);

        Assert.Equal(1205, Saga(stats, "order").GetProperty("total").GetInt32());
        Assert.Equal(Http.SagaApi.StatsPageSize, _host.Engine.LastQuery!.PageSize);
        Assert.NotNull(_host.Engine.LastQuery.ContinuationToken);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2020-13-45", "to")]
    [InlineData("from=2020-03-02T00:00:00Z&to=2020-03-01T00:00:00Z", "from")]
    [InlineData("since=2020-03-01", "since")]
    public async Task Stats_BadQuery_Returns400NamingTheField(string query, string field)
    {
        await ValidationAsync(await _host.Client.GetAsync($"/api/sagas/stats?{query}"), field);
    }

    [Fact]
    public async Task Stats_Route_IsNotTakenForTheListOfASagaNamedStats()
    {
        var response = await _host.Client.GetAsync("/api/sagas/stats");

        var body = await JsonAsync(response, HttpStatusCode.OK);
        Assert.True(body.TryGetProperty("sagas", out _));
        Assert.False(body.TryGetProperty("items", out _));
    }

    private void Seed(string id, string name, string runtimeStatus, object? output, object? progress, DateTimeOffset created, int seconds)
    {
        _host.Engine.Seed(id, name, runtimeStatus, output: output, customStatus: progress, createdAt: created);
        _host.Engine.Update(id, i => i with { LastUpdatedAt = created.AddSeconds(seconds) });
    }

    private static JsonElement Saga(JsonElement stats, string saga) =>
        stats.GetProperty("sagas").EnumerateArray().Single(s => s.GetProperty("saga").GetString() == saga);
}
