using static SagaFunctions.FunctionApp.Tests.Scenarios.ScenarioSteps;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

public class InsuranceClaimScenarios
{
    private const string Saga = "insurance-claim";

    public static TheoryData<string> Names => [.. All.Select(s => s.Name)];

    internal static IReadOnlyList<Scenario> All { get; } =
    [
        new("insurance-claim: approved → paid and closed", async r =>
        {
            await r.StartAsync(Saga, "c-1", Claim("c-1"));
            await r.RaiseAsync(Saga, "c-1", "approval", new { approved = true, approver = "adjuster-7" });
            await r.EndsAsync(Saga, "c-1", "paid");
        }),
        new("insurance-claim: invalid policy → rejected_invalid, nothing to undo", async r =>
            await r.RunAsync(Saga, "c-2", Claim("c-2", policyId: "XYZ-1"), "rejected_invalid")),
        new("insurance-claim: not approved → rejected, closed unpaid", async r =>
        {
            await r.StartAsync(Saga, "c-3", Claim("c-3"));
            await r.RaiseAsync(Saga, "c-3", "approval", new { approved = false, approver = "adjuster-7", reason = "not covered" });
            await r.EndsAsync(Saga, "c-3", "rejected", "CloseClaimUnpaid");
        }),
        new("insurance-claim: no approval in 30 days → timeout, closed unpaid", async r =>
            await r.RunAsync(Saga, "c-4", Claim("c-4"), "timeout", "CloseClaimUnpaid")),
        new("insurance-claim: a shorter approval window → timeout then", async r =>
            await r.RunAsync(Saga, "c-5", Claim("c-5", approvalTimeoutSeconds: 30), "timeout", "CloseClaimUnpaid")),
        new("insurance-claim: approval after the timeout → 410", async r =>
        {
            await r.RunAsync(Saga, "c-6", Claim("c-6"), "timeout", "CloseClaimUnpaid");
            await r.RaiseAsync(Saga, "c-6", "approval", new { approved = true, approver = "late" }, expectedStatus: 410);
        }),
        new("insurance-claim: cancel while waiting for approval → cancelled, closed unpaid", async r =>
        {
            await r.StartAsync(Saga, "c-7", Claim("c-7"));
            await r.PostAsync($"/api/sagas/{Saga}/c-7/cancel", new { reason = "withdrawn" }, 202);
            await r.EndsAsync(Saga, "c-7", "cancelled", "CloseClaimUnpaid");
        }),
        new("insurance-claim: records keep failing → failed, closed unpaid", async r =>
        {
            await r.FaultAsync("claims", "records");
            await r.RunAsync(Saga, "c-8", Claim("c-8"), "failed", "CloseClaimUnpaid");
        }),
        new("insurance-claim: payment keeps failing → refunded by key, payment_failed", async r =>
        {
            await r.FaultAsync("claims", "pay");
            await r.StartAsync(Saga, "c-9", Claim("c-9"));
            await r.RaiseAsync(Saga, "c-9", "approval", new { approved = true, approver = "adjuster-7" });
            await r.EndsAsync(Saga, "c-9", "payment_failed", "RefundClaim", "CloseClaimUnpaid");
        }),
        new("insurance-claim: close keeps failing after payment → paid with a warning, no refund", async r =>
        {
            await r.FaultAsync("claims", "close");
            await r.StartAsync(Saga, "c-10", Claim("c-10"));
            await r.RaiseAsync(Saga, "c-10", "approval", new { approved = true, approver = "adjuster-7" });
            var output = await r.EndsAsync(Saga, "c-10", "paid");
            Assert.NotEmpty(Warnings(output));
        }),
        new("insurance-claim: validation keeps failing → failed, nothing to undo", async r =>
        {
            await r.FaultAsync("claims", "validate");
            await r.RunAsync(Saga, "c-11", Claim("c-11"), "failed");
        }),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public Task Scenario_BothEngines_AgreeAndMeetTheExpectations(string name) => TwoEngines.RunAsync(All.Single(s => s.Name == name));

    private static object Claim(string id, string policyId = "POL-123", int? approvalTimeoutSeconds = null) =>
        approvalTimeoutSeconds is null
            ? new { claimId = id, policyId, customerId = "cust-123", amount = 1500m, description = "Hospital stay" }
            : new { claimId = id, policyId, customerId = "cust-123", amount = 1500m, description = "Hospital stay", approvalTimeoutSeconds };
}
