using System.Net;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Contract;

public sealed class ListSagasTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2030, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private ContractHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ContractHost.StartAsync();
        _host.Engine.Seed("o-1", TestSagas.OrderOrchestrator, "Completed", output: new { status = "completed" }, createdAt: Day);
        _host.Engine.Seed("o-2", TestSagas.OrderOrchestrator, "Running", createdAt: Day.AddHours(1));
        _host.Engine.Seed("t-1", TestSagas.TicketingOrchestrator, "Running", createdAt: Day.AddHours(2));
        _host.Engine.Seed("r-1", "RetryDeadLetter", "Completed", createdAt: Day.AddHours(3));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task List_NoFilter_ReturnsEverySagaInstanceNewestFirstButNoHelperOrchestrations()
    {
        var page = await JsonAsync(await _host.Client.GetAsync("/api/sagas"), HttpStatusCode.OK);

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["t-1", "o-2", "o-1"], items.Select(i => i.GetProperty("instanceId").GetString()));
        Assert.Equal("ticketing", items[0].GetProperty("saga").GetString());
        Assert.Equal(TestSagas.TicketingOrchestrator, items[0].GetProperty("name").GetString());
        Assert.Equal("order", items[2].GetProperty("saga").GetString());
        Assert.Equal("completed", items[2].GetProperty("status").GetString());
        Assert.Equal("completed", items[2].GetProperty("outcome").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, items[1].GetProperty("status").ValueKind);
        Assert.EndsWith("/api/sagas/order/o-1", items[2].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, page.GetProperty("continuationToken").ValueKind);
    }

    [Fact]
    public async Task List_SagaAndRuntimeStatusFilters_AreApplied()
    {
        var page = await JsonAsync(await _host.Client.GetAsync("/api/sagas?saga=order&runtimeStatus=running"), HttpStatusCode.OK);

        Assert.Equal("o-2", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("instanceId").GetString());
        Assert.Equal(TestSagas.OrderOrchestrator, _host.Engine.LastQuery!.OrchestratorName);
        Assert.Equal(["Running"], _host.Engine.LastQuery.RuntimeStatuses!);
    }

    [Fact]
    public async Task List_RuntimeStatusFilter_NamedLikeTheViewField_IsApplied()
    {
        var page = await JsonAsync(await _host.Client.GetAsync("/api/sagas?runtimeStatus=running"), HttpStatusCode.OK);

        Assert.Equal(["t-1", "o-2"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
        Assert.Equal(["Running"], _host.Engine.LastQuery!.RuntimeStatuses!);
    }

    [Fact]
    public async Task List_SeveralRuntimeStatuses_CommaSeparated()
    {
        var page = await JsonAsync(await _host.Client.GetAsync("/api/sagas?runtimeStatus=Completed,Running"), HttpStatusCode.OK);

        Assert.Equal(3, page.GetProperty("items").GetArrayLength());
        Assert.Equal(["Completed", "Running"], _host.Engine.LastQuery!.RuntimeStatuses!);
    }

    [Fact]
    public async Task List_CreatedRange_IsPassedAsUtc()
    {
        var page = await JsonAsync(
            await _host.Client.GetAsync("/api/sagas?createdFrom=2030-03-01T00:30:00Z&createdTo=2030-03-01T02:30:00Z"), HttpStatusCode.OK);

        Assert.Equal(["t-1", "o-2"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
        Assert.Equal(Day.AddMinutes(30), _host.Engine.LastQuery!.CreatedFrom);
    }

    [Fact]
    public async Task List_PageSizeAndContinuationToken_PageThroughEverything()
    {
        var first = await JsonAsync(await _host.Client.GetAsync("/api/sagas?pageSize=2"), HttpStatusCode.OK);
        var token = first.GetProperty("continuationToken").GetString();
        Assert.Equal(["t-1"], first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
        Assert.NotNull(token);

        var second = await JsonAsync(await _host.Client.GetAsync($"/api/sagas?pageSize=2&continuationToken={Uri.EscapeDataString(token)}"), HttpStatusCode.OK);

        Assert.Equal(["o-2", "o-1"], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("continuationToken").ValueKind);
    }

    [Theory]
    [InlineData("saga=teleport", "saga")]
    [InlineData("status=Exploded", "status")]
    [InlineData("runtimeStatus=paid", "runtimeStatus")]
    [InlineData("runtimeStatus=Running&status=Running", "status")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=-5", "pageSize")]
    [InlineData("pageSize=many", "pageSize")]
    [InlineData("pageSize=1001", "pageSize")]
    [InlineData("createdFrom=yesterday", "createdFrom")]
    [InlineData("createdTo=2030-13-45", "createdTo")]
    [InlineData("createdFrom=2030-03-02T00:00:00Z&createdTo=2030-03-01T00:00:00Z", "createdFrom")]
    [InlineData("continuationToken=not-a-token", "continuationToken")]
    public async Task List_BadFilter_Returns400NamingTheParameter(string query, string field)
    {
        await ValidationAsync(await _host.Client.GetAsync($"/api/sagas?{query}"), field);
    }
}
