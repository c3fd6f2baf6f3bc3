namespace SagaFunctions.FunctionApp.Tests.Scenarios;

public class DeploymentScenarios
{
    private const string Saga = "deployment";

    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    internal static IReadOnlyList<Scenario> All { get; } =
    [
        new("deployment: every stage succeeds → deployed", async r =>
            await r.RunAsync(Saga, "d-1", Deploy("d-1"), "deployed")),
        new("deployment: integration tests fail → logs collected, staging rolled back, tests_failed", async r =>
        {
            var output = await r.RunAsync(Saga, "d-2", Deploy("d-2", version: "2.0.0-fail"), "tests_failed", "RollbackStaging");
            Assert.NotEqual(0, output.GetProperty("logs").GetArrayLength());
        }),
        new("deployment: tests keep failing technically → tests_failed", async r =>
        {
            await r.FaultAsync("environments", "tests");
            await r.RunAsync(Saga, "d-3", Deploy("d-3"), "tests_failed", "RollbackStaging");
        }),
        new("deployment: staging deploy keeps failing → staging rolled back by key", async r =>
        {
            await r.FaultAsync("environments", "deploy");
            await r.RunAsync(Saga, "d-4", Deploy("d-4"), "failed", "RollbackStaging");
        }),
        new("deployment: DNS keeps failing → production and staging rolled back, logs kept", async r =>
        {
            await r.FaultAsync("environments", "dns");
            await r.RunAsync(Saga, "d-5", Deploy("d-5"), "failed", "RollbackProduction", "RollbackStaging");
        }),
        new("deployment: logs unavailable when tests fail → still rolled back", async r =>
        {
            await r.FaultAsync("environments", "logs");
            await r.RunAsync(Saga, "d-6", Deploy("d-6", version: "3.0.0-fail"), "tests_failed", "RollbackStaging");
        }),
        new("deployment: cancel while tests are retried → staging rolled back, cancelled", async r =>
        {
            await r.FaultAsync("environments", "tests");
            await r.StartAsync(Saga, "d-7", Deploy("d-7"));
            await r.PostAsync($"/api/sagas/{Saga}/d-7/cancel", new { reason = "release freeze" }, 202);
            await r.EndsAsync(Saga, "d-7", "cancelled", "RollbackStaging");
        }),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Scenario_BothEngines_AgreeAndMeetTheExpectations(string name) => TwoEngines.RunAsync(All.Single(s => s.Name == name));

    private static object Deploy(string id, string version = "2.0.0") => new { deploymentId = id, version, imageTag = "registry/app:" + version };
}
