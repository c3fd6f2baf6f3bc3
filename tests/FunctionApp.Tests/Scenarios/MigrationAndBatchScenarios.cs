using static SagaFunctions.FunctionApp.Tests.Scenarios.ScenarioSteps;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

public class MigrationAndBatchScenarios
{
    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    internal static IReadOnlyList<Scenario> All { get; } =
    [
        new("migration: every phase succeeds → completed through batch sub-orchestrations", async r =>
            await r.RunAsync("migration", "m-1", Migration("m-1"), "completed")),
        new("migration: many batches → bounded chunks, completed", async r =>
            await r.RunAsync("migration", "m-2", Migration("m-2", batches: 25, pause: 0), "completed")),
        new("migration: a batch keeps failing → migration_failed, dual-write off", async r =>
        {
            await r.FaultAsync("migration", "batch");
            await r.RunAsync("migration", "m-3", Migration("m-3"), "migration_failed", "DisableDualWrite");
        }),
        new("migration: verification keeps failing → verification_failed, dual-write off", async r =>
        {
            await r.FaultAsync("migration", "verify");
            await r.RunAsync("migration", "m-4", Migration("m-4"), "verification_failed", "DisableDualWrite");
        }),
        new("migration: the traffic switch (pivot) keeps failing → manual intervention, dual-write still on", async r =>
        {
            await r.FaultAsync("migration", "switch");
            await r.RunAsync("migration", "m-5", Migration("m-5"), "manual_intervention_required");
        }),
        new("migration: decommission keeps failing after the pivot → manual intervention, no rollback", async r =>
        {
            await r.FaultAsync("migration", "decommission");
            await r.RunAsync("migration", "m-6", Migration("m-6"), "manual_intervention_required");
        }),
        new("migration: enabling dual-write keeps failing → migration_failed, disabled by key", async r =>
        {
            await r.FaultAsync("migration", "dual-write");
            await r.RunAsync("migration", "m-7", Migration("m-7"), "migration_failed", "DisableDualWrite");
        }),
        new("migration: cancel during the pause between chunks → cancelled, dual-write off", async r =>
        {
            await r.StartAsync("migration", "m-8", Migration("m-8", batches: 25, pause: 60));
            await r.PostAsync("/api/sagas/migration/m-8/cancel", new { reason = "stop" }, 202);
            await r.EndsAsync("migration", "m-8", "cancelled", "DisableDualWrite");
        }),
        new("batch: every item succeeds → completed with the merged result", async r =>
        {
            r.ObserveFinalView = false;
            var output = await r.RunAsync("batch", "x-1", Batch("x-1", "a", "b", "c"), "completed");
            r.Observe("merged", output.GetProperty("merged"));
        }),
        new("batch: one item keeps failing → failed, every other item undone", async r =>
        {
            r.ObserveFinalView = false;
            await r.FaultAsync("processing", "process", key: "x-2:ProcessItem[1]");
            var output = await r.RunAsync("batch", "x-2", Batch("x-2", "a", "b", "c"), "failed", "UndoItem", "UndoItem", "UndoItem");
            r.Observe("compensated steps", output.GetProperty("compensations").EnumerateArray().Select(c => c.GetProperty("step").GetString()).Order());
        }),
        new("batch: undo keeps failing → dead letters", async r =>
        {
            r.ObserveFinalView = false;
            await r.FaultAsync("processing", "process", key: "x-3:ProcessItem[2]");
            await r.FaultAsync("processing", "undo");
            var output = await r.RunAsync("batch", "x-3", Batch("x-3", "a", "b", "c"), "failed", "UndoItem", "UndoItem", "UndoItem");
            r.Observe("dead letters", DeadLetters(output).Order());
        }),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Scenario_BothEngines_AgreeAndMeetTheExpectations(string name) => TwoEngines.RunAsync(All.Single(s => s.Name == name));

    private static object Migration(string id, int batches = 3, int pause = 0) =>
        new { migrationId = id, serviceId = "svc-" + id, totalRecords = 1000, batchCount = batches, pauseSeconds = pause };

    private static object Batch(string id, params string[] items) => new { batchId = id, items };
}
