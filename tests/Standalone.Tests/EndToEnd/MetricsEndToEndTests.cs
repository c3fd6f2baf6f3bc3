using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary>Runs alone: the meter is process-wide and <c>dead_letters.open</c> reads the last host's store.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}

/// <summary><c>GET /metrics</c>: the SagaFunctions meter in Prometheus text, fed by real sagas on the embedded runtime.</summary>
[Collection(MetricsCollection.Name)]
public sealed partial class MetricsEndToEndTests : EndToEndTestBase
{
    private const string FailingOrder = """{"orderId":"ORD-M","customerId":"C-1","items":[{"sku":"ITEM-003","quantity":1}],"amount":30.00}""";
    private const string GoodOrder = """{"orderId":"ORD-M2","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":30.00}""";

    [Fact]
    public async Task Metrics_AfterACompletedAndADeadLetteredOrder_ExposeEveryInstrumentInPrometheusText()
    {
        var before = await ScrapeAsync();
        await JsonAsync(await Client.PostAsync("/participants/faults",
            Json("""{"service":"payments","operation":"refund","mode":"permanent"}""")), HttpStatusCode.Created);
        var good = await StartAsync("order", GoodOrder);
        var bad = await StartAsync("order", FailingOrder);
        await FinishAsync("order", good);
        await FinishAsync("order", bad);

        var text = await ScrapeAsync();

        Assert.Equal(Value(before, "sagas_started_total", "saga=order") + 2, Value(text, "sagas_started_total", "saga=order"));
        Assert.Equal(Value(before, "sagas_completed_total", "saga=order", "status=completed") + 1, Value(text, "sagas_completed_total", "saga=order", "status=completed"));
        Assert.Equal(Value(before, "sagas_completed_total", "saga=order", "status=failed") + 1, Value(text, "sagas_completed_total", "saga=order", "status=failed"));
        Assert.Equal(Value(before, "saga_duration_seconds_count", "saga=order", "status=completed") + 1, Value(text, "saga_duration_seconds_count", "saga=order", "status=completed"));
        Assert.Contains("saga_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Equal(Value(before, "saga_steps_total", "saga=order", "step=CreateShipment", "result=succeeded") + 1, Value(text, "saga_steps_total", "saga=order", "step=CreateShipment", "result=succeeded"));
        Assert.Equal(Value(before, "saga_steps_total", "saga=order", "step=ReserveInventory", "result=rejected") + 1, Value(text, "saga_steps_total", "saga=order", "step=ReserveInventory", "result=rejected"));
        Assert.Equal(Value(before, "saga_compensations_total", "saga=order", "step=ChargePayment", "result=dead_lettered") + 1, Value(text, "saga_compensations_total", "saga=order", "step=ChargePayment", "result=dead_lettered"));
        Assert.Equal(1, Value(text, "dead_letters_open"));
    }

    [Fact]
    public async Task Metrics_DeadLetterResolved_GaugeDropsToZero()
    {
        await JsonAsync(await Client.PostAsync("/participants/faults",
            Json("""{"service":"payments","operation":"refund","mode":"permanent"}""")), HttpStatusCode.Created);
        var id = await StartAsync("order", FailingOrder);
        await FinishAsync("order", id);
        Assert.Equal(1, Value(await ScrapeAsync(), "dead_letters_open"));

        await JsonAsync(await Client.PostAsync($"/api/dead-letters/{Uri.EscapeDataString($"{id}:ChargePayment")}/resolve", Json("""{"note":"refunded by hand"}""")), HttpStatusCode.OK);

        Assert.Equal(0, Value(await ScrapeAsync(), "dead_letters_open"));
    }

    [Fact]
    public async Task Metrics_NothingStuck_StuckGaugeIsScrapedAsZero()
    {
        var id = await StartAsync("order", """{"orderId":"ORD-S","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10.00}""");
        await FinishAsync("order", id);

        var text = await ScrapeAsync();

        Assert.Matches(@"(?m)^sagas_stuck(\{[^}]*\})? 0(\s|$)", text);
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sample of <paramref name="metric"/> carrying every label <c>name=value</c> of <paramref name="labels"/> (0 when absent).</summary>
    private static double Value(string text, string metric, params string[] labels)
    {
        var wanted = labels.Select(l => l.Split('=', 2)).Select(l => $"{l[0]}=\"{l[1]}\"").ToList();
        foreach (var line in text.Split('\n'))
        {
            var match = Sample().Match(line);
            if (match.Success && match.Groups["name"].Value == metric
                && wanted.All(w => match.Groups["labels"].Value.Split(',').Contains(w, StringComparer.Ordinal)))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)""")]
    private static partial Regex Sample();
}
