using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary><c>GET /api/definitions[/{saga}]</c> on both hosts: the same definitions, the same 404 and 400.</summary>
public class DefinitionScenarios
{
    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    internal static IReadOnlyList<Scenario> All { get; } =
    [
        new("definitions: the list holds every registered saga's definition, in registry order", async r =>
        {
            var answer = await r.Engine.SendAsync(HttpMethod.Get, "/api/definitions");
            Assert.True(answer.Status == 200, $"{r.Engine.Name}: definitions answered {answer}");
            var items = answer.Json.GetProperty("items").EnumerateArray().ToList();
            // The C# sagas in catalog order, then the declarative ones of definitions/ (order-fulfillment).
            Assert.Equal([.. SagaCatalog.Sagas.Select(s => s.Route), "order-fulfillment"], items.Select(i => i.GetProperty("saga").GetString()));
            Assert.Equal("declarative", items[^1].GetProperty("kind").GetString());
            Assert.All(items, i => Assert.NotEqual(0, i.GetProperty("steps").GetArrayLength()));
            r.Observe("definitions", answer.Json);
        }),
        new("definitions: one saga → its steps, pivot, waits and events; the route name is case-insensitive", async r =>
        {
            var answer = await r.Engine.SendAsync(HttpMethod.Get, "/api/definitions/Insurance-Claim");
            Assert.True(answer.Status == 200, $"{r.Engine.Name}: definition answered {answer}");
            var definition = answer.Json;
            Assert.Equal("insurance-claim", definition.GetProperty("saga").GetString());
            Assert.Equal("code", definition.GetProperty("kind").GetString());
            var pivot = definition.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("pivot").GetBoolean());
            Assert.Equal(("PayClaim", "RefundClaim"), (pivot.GetProperty("name").GetString(), pivot.GetProperty("compensation").GetString()));
            var wait = Assert.Single(definition.GetProperty("waits").EnumerateArray());
            Assert.Equal(("approval", 2592000d), (wait.GetProperty("event").GetString(), wait.GetProperty("timeoutSeconds").GetDouble()));
            Assert.Equal(["approval", "cancel"], definition.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
            r.Observe("definition", definition);
        }),
        new("definitions: an unknown saga → 404 problem details naming it; a query parameter → 400 naming it", async r =>
        {
            var unknown = await r.Engine.SendAsync(HttpMethod.Get, "/api/definitions/no-such-saga");
            Assert.True(unknown.Status == 404, $"{r.Engine.Name}: unknown saga answered {unknown}");
            Assert.Equal("application/problem+json", unknown.ContentType);
            Assert.Contains("'no-such-saga'", unknown.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var parameter = await r.Engine.SendAsync(HttpMethod.Get, "/api/definitions?saga=order");
            Assert.True(parameter.Status == 400, $"{r.Engine.Name}: definitions?saga answered {parameter}");
            Assert.True(parameter.Json.GetProperty("errors").TryGetProperty("saga", out _), $"{r.Engine.Name}: no 'saga' in {parameter}");
            r.Observe("unknown", unknown.Status);
            r.Observe("parameter", parameter.Status);
        }),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Scenario_BothEngines_AgreeAndMeetTheExpectations(string name) => TwoEngines.RunAsync(All.Single(s => s.Name == name));
}
