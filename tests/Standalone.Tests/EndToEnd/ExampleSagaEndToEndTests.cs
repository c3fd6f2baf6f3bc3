using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary>
/// The README's example saga (tests/Shared/Examples/GiftCard), served over HTTP from its declaration alone: its start
/// route validates the declared request type, it runs its declared activities, a refused card compensates, and its
/// definition is served.
/// </summary>
public sealed class ExampleSagaEndToEndTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Start_GiftCard_DebitsTheBudgetAndIssuesTheCard()
    {
        await using var app = await ExampleSagaApp.StartAsync(_directory.Path, budget: 100m);

        var output = await RunAsync(app, "card-1", 30m);

        Assert.Equal(("issued", "GC-0001"), (output.GetProperty("status").GetString(), output.GetProperty("cardNumber").GetString()));
        Assert.Equal(70m, app.Ledger.Budget);
    }

    [Fact]
    public async Task Start_CardRefused_GivesTheBudgetBack()
    {
        await using var app = await ExampleSagaApp.StartAsync(_directory.Path, budget: 100m);
        app.Ledger.RefuseCards = true;

        var output = await RunAsync(app, "card-2", 30m);

        Assert.Equal("failed", output.GetProperty("status").GetString());
        Assert.Equal("CreditBudget", output.GetProperty("compensations")[0].GetProperty("activity").GetString());
        Assert.Equal(100m, app.Ledger.Budget);
    }

    [Fact]
    public async Task Start_BudgetTooSmall_FailsWithoutCompensating()
    {
        await using var app = await ExampleSagaApp.StartAsync(_directory.Path, budget: 10m);

        var output = await RunAsync(app, "card-3", 30m);

        Assert.Equal("failed", output.GetProperty("status").GetString());
        Assert.Equal(0, output.GetProperty("compensations").GetArrayLength());
        Assert.Equal(("rejected", "budget_exhausted"), (output.GetProperty("error").GetProperty("kind").GetString(), output.GetProperty("error").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Start_BadBody_IsAProblemNamingTheDeclaredRequestsField()
    {
        await using var app = await ExampleSagaApp.StartAsync(_directory.Path, budget: 100m);

        var problem = await JsonAsync(
            await app.Client.PostAsJsonAsync("/api/sagas/gift-card/card-4", new { cardId = "card-4", buyer = "b", amount = -1 }),
            HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("amount", out _), problem.ToString());
    }

    [Fact]
    public async Task Definition_OfTheExample_IsServedFromItsDeclaration()
    {
        await using var app = await ExampleSagaApp.StartAsync(_directory.Path, budget: 100m);

        var definition = await JsonAsync(await app.Client.GetAsync("/api/definitions/gift-card"), HttpStatusCode.OK);

        Assert.Equal(["DebitBudget", "IssueCard"], definition.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    private static async Task<JsonElement> RunAsync(ExampleSagaApp app, string id, decimal amount)
    {
        using var started = await app.Client.PostAsJsonAsync($"/api/sagas/gift-card/{id}", new { cardId = id, buyer = "ada", amount });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await app.SettleAsync();
        var view = await JsonAsync(await app.Client.GetAsync($"/api/sagas/gift-card/{id}"), HttpStatusCode.OK);
        Assert.Equal("Completed", view.GetProperty("runtimeStatus").GetString());
        return view.GetProperty("output");
    }
}
