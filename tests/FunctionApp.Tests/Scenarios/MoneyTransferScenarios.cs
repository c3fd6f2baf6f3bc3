using static SagaFunctions.FunctionApp.Tests.Scenarios.ScenarioSteps;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

public class MoneyTransferScenarios
{
    private const string Saga = "money-transfer";

    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    internal static IReadOnlyList<Scenario> All { get; } =
    [
        new("money-transfer: enough funds → completed, money moved", async r =>
        {
            await r.RunAsync(Saga, "t-1", Transfer("t-1", amount: 100m), "completed");
            Assert.Equal(900m, await r.BalanceAsync("ACC-001"));
            Assert.Equal(600m, await r.BalanceAsync("ACC-002"));
        }),
        new("money-transfer: insufficient funds → nothing to undo", async r =>
        {
            await r.RunAsync(Saga, "t-2", Transfer("t-2", from: "ACC-002", to: "ACC-001", amount: 600m), "insufficient_funds");
            Assert.Equal(500m, await r.BalanceAsync("ACC-002"));
        }),
        new("money-transfer: unknown source account → failed", async r =>
            await r.RunAsync(Saga, "t-3", Transfer("t-3", from: "ACC-999"), "failed")),
        new("money-transfer: unknown destination → debit reversed", async r =>
        {
            await r.RunAsync(Saga, "t-4", Transfer("t-4", to: "ACC-999"), "failed", "ReverseDebit");
            Assert.Equal(1000m, await r.BalanceAsync("ACC-001"));
        }),
        new("money-transfer: debit keeps failing → in-doubt debit reversed by key, money conserved", async r =>
        {
            await r.FaultAsync("accounts", "debit");
            await r.RunAsync(Saga, "t-5", Transfer("t-5"), "failed", "ReverseDebit");
            Assert.Equal(1000m, await r.BalanceAsync("ACC-001"));
        }),
        new("money-transfer: credit keeps failing → credit then debit reversed", async r =>
        {
            await r.FaultAsync("accounts", "credit");
            await r.RunAsync(Saga, "t-6", Transfer("t-6"), "failed", "ReverseCredit", "ReverseDebit");
            Assert.Equal(1000m, await r.BalanceAsync("ACC-001"));
            Assert.Equal(500m, await r.BalanceAsync("ACC-002"));
        }),
        new("money-transfer: record keeps failing → credit and debit reversed", async r =>
        {
            await r.FaultAsync("accounts", "record");
            await r.RunAsync(Saga, "t-7", Transfer("t-7"), "failed", "ReverseCredit", "ReverseDebit");
            Assert.Equal(1000m + 500m, await r.BalanceAsync("ACC-001") + await r.BalanceAsync("ACC-002"));
        }),
        new("money-transfer: reversal keeps failing → dead letter; retried after the fault → money conserved", async r =>
        {
            await r.FaultAsync("accounts", "credit");
            await r.FaultAsync("accounts", "reverse");
            var output = await r.RunAsync(Saga, "t-8", Transfer("t-8"), "failed", "ReverseCredit", "ReverseDebit");
            Assert.Equal("compensation_failed", output.GetProperty("phase").GetString());
            await r.ClearFaultsAsync();
            foreach (var deadLetter in DeadLetters(output))
            {
                await r.RetryDeadLetterAsync(deadLetter, "resolved");
            }

            Assert.Equal(1000m, await r.BalanceAsync("ACC-001"));
            Assert.Equal(500m, await r.BalanceAsync("ACC-002"));
        }),
        new("money-transfer: cancel while the credit is retried → both reversed, cancelled", async r =>
        {
            await r.FaultAsync("accounts", "credit");
            await r.StartAsync(Saga, "t-9", Transfer("t-9"));
            await r.PostAsync($"/api/sagas/{Saga}/t-9/cancel", new { reason = "stop" }, 202);
            await r.EndsAsync(Saga, "t-9", "cancelled", "ReverseCredit", "ReverseDebit");
            Assert.Equal(1000m, await r.BalanceAsync("ACC-001"));
        }),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Scenario_BothEngines_AgreeAndMeetTheExpectations(string name) => TwoEngines.RunAsync(All.Single(s => s.Name == name));

    private static object Transfer(string id, string from = "ACC-001", string to = "ACC-002", decimal amount = 100m) =>
        new { transferId = id, fromAccount = from, toAccount = to, amount };
}
