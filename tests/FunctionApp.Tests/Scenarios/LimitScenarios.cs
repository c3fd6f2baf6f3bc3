using System.Text.Json;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// The Azure Storage provider caps custom status at 16 KB (UTF-16: 8,000 characters of JSON would be the worst case of
/// non-ASCII text; ASCII-only status is what the kernel writes). The worst cases the API accepts are run on both engines
/// and the published status and the payloads are measured.
/// </summary>
public class LimitScenarios
{
    /// <summary>Durable's Azure Storage limit for custom status, in bytes of UTF-16.</summary>
    private const int CustomStatusLimitBytes = 16 * 1024;

    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    internal static IReadOnlyList<Scenario> All { get; } =
    [
        new("limits: a batch of 100 items with the longest ids, every item failing → custom status under 16 KB", async r =>
        {
            r.ObserveFinalView = false;
            var items = Enumerable.Range(0, 100).Select(i => $"item-{i:D3}-".PadRight(100, 'x')).ToArray();
            await r.FaultAsync("processing", "process");
            await r.StartAsync("batch", "big-1", new { batchId = "big-1".PadRight(100, 'b'), items });
            var view = await r.RunToEndAsync("batch", "big-1");
            AssertUnderLimit(view);
            r.Observe("compensations", view.GetProperty("output").GetProperty("compensations").GetArrayLength());
        }),
        new("limits: the largest order the API accepts (100 lines, longest ids) → completed, payloads intact", async r =>
        {
            var items = Enumerable.Range(0, 100).Select(i => new { sku = "ITEM-001", quantity = 1 }).ToArray();
            var request = new { orderId = "big-2".PadRight(100, 'o'), customerId = "c".PadRight(100, 'c'), items, amount = 499.99m };
            Assert.True(JsonSerializer.Serialize(request, ScenarioJson.Options).Length < 64 * 1024);
            await r.StartAsync("order", "big-2", request);
            var view = await r.RunToEndAsync("order", "big-2");
            Assert.Equal("completed", view.GetProperty("output").GetProperty("status").GetString());
            Assert.Equal(100, view.GetProperty("input").GetProperty("items").GetArrayLength());
            AssertUnderLimit(view);
        }),
        new("limits: a migration of 10,000 batches (the most the API accepts) → completed in bounded chunks, custom status under 16 KB", async r =>
        {
            var view = await r.RunAsync("migration", "big-3", new { migrationId = "big-3", serviceId = "svc", totalRecords = 10_000, batchCount = 10_000, pauseSeconds = 0 }, "completed");
            r.Observe("status", view.GetProperty("status"));
        }),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Scenario_BothEngines_AgreeAndMeetTheExpectations(string name) => TwoEngines.RunAsync(All.Single(s => s.Name == name));

    private static void AssertUnderLimit(JsonElement view)
    {
        var progress = view.GetProperty("progress").GetRawText();
        Assert.True(progress.Length * 2 < CustomStatusLimitBytes, $"Custom status is {progress.Length * 2} bytes of UTF-16, over {CustomStatusLimitBytes}.");
    }
}
