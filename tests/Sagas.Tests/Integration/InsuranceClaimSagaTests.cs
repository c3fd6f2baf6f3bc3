using SagaFunctions.Kernel;
using SagaFunctions.Sagas.InsuranceClaim;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Integration;

public class InsuranceClaimSagaTests
{
    private const string Id = "claim-1";

    private static ClaimRequest Claim(string policyId = "POL-100") => new("CLM-1", policyId, "cust-1", 1200m, "Broken arm");

    private static async Task<string> ClaimStatusAsync(SagaHarness h) => (await h.Claims.GetClaimAsync("CLM-1"))!.Status;

    [Fact]
    public async Task Run_Approved_PaidAndClosed()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(InsuranceClaimSaga), Claim(), Id);
        Assert.Equal("records_requested", await ClaimStatusAsync(h));

        await h.RaiseAsync(Id, InsuranceClaimSaga.ApprovalEvent, new Approval(true, "dr-house", "covered"));
        var result = await h.OutputAsync<ClaimResult>(Id);

        Assert.Equal("paid", result.Status);
        Assert.NotNull(result.PaymentId);
        Assert.NotNull(result.RecordsId);
        Assert.NotNull(result.ClosedAt);
        Assert.Equal("dr-house", result.Approver);
        var claim = (await h.Claims.GetClaimAsync("CLM-1"))!;
        Assert.Equal("closed", claim.Status);
        Assert.Equal(result.PaymentId, claim.PaymentId);
        Assert.Equal(["ValidateClaim", "RequestMedicalRecords", "PayClaim", "CloseClaim"], h.Calls);
    }

    [Fact]
    public async Task Run_InvalidPolicy_RejectedInvalidWithNothingToUndo()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<ClaimResult>(nameof(InsuranceClaimSaga), Claim("XYZ-1"), Id);

        Assert.Equal("rejected_invalid", result.Status);
        Assert.Equal("invalid_claim", result.Error?.Code);
        Assert.Empty(result.Compensations);
        Assert.Equal(["ValidateClaim"], h.Calls);
    }

    [Fact]
    public async Task Run_NotApproved_RejectedClosedUnpaid()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(InsuranceClaimSaga), Claim(), Id);

        await h.RaiseAsync(Id, InsuranceClaimSaga.ApprovalEvent, new Approval(false, "auditor", "not covered"));
        var result = await h.OutputAsync<ClaimResult>(Id);

        Assert.Equal("rejected", result.Status);
        Assert.Equal("not covered", result.Reason);
        Assert.Equal(["CloseClaimUnpaid"], result.Compensations.Select(c => c.Activity));
        Assert.Null(result.PaymentId);
        Assert.Equal(0, h.CallsOf("PayClaim"));
        var claim = (await h.Claims.GetClaimAsync("CLM-1"))!;
        Assert.Equal("closed", claim.Status);
        Assert.Null(claim.PaymentId);
    }

    [Fact]
    public async Task Run_NoApprovalInThirtyDays_TimeoutClosedUnpaid()
    {
        await using var h = await SagaHarness.StartAsync();
        var start = h.Clock.UtcNow;
        await h.StartAsync(nameof(InsuranceClaimSaga), Claim(), Id);

        await h.Clock.AdvanceAsync(TimeSpan.FromDays(29));
        await h.Runtime.WaitForIdleAsync();
        Assert.False((await h.Client.GetStatusAsync(Id))!.IsFinished);
        var result = await h.OutputAsync<ClaimResult>(Id, TimeSpan.FromDays(1));

        Assert.Equal("timeout", result.Status);
        Assert.True(h.Clock.UtcNow >= start.AddDays(30));
        Assert.Equal(["CloseClaimUnpaid"], result.Compensations.Select(c => c.Activity));
        Assert.Equal(0, h.CallsOf("PayClaim"));
        Assert.Equal("closed", await ClaimStatusAsync(h));
    }

    [Fact]
    public async Task Run_ShorterApprovalTimeoutRequested_TimesOutThen()
    {
        await using var h = await SagaHarness.StartAsync();
        var start = h.Clock.UtcNow;
        await h.StartAsync(nameof(InsuranceClaimSaga), Claim() with { ApprovalTimeoutSeconds = 30 }, Id);

        await h.Clock.AdvanceAsync(TimeSpan.FromSeconds(29));
        await h.Runtime.WaitForIdleAsync();
        Assert.False((await h.Client.GetStatusAsync(Id))!.IsFinished);
        var result = await h.OutputAsync<ClaimResult>(Id, TimeSpan.FromSeconds(1));

        Assert.Equal("timeout", result.Status);
        Assert.True(h.Clock.UtcNow < start.AddMinutes(1));
        Assert.Equal("closed", await ClaimStatusAsync(h));
    }

    [Fact]
    public async Task Run_CancelDuringApprovalWait_CancelledClosedUnpaid()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(InsuranceClaimSaga), Claim(), Id);

        await h.RaiseAsync(Id, Saga.CancelEventName, new CancelRequest("withdrawn by customer"));
        var result = await h.OutputAsync<ClaimResult>(Id);

        Assert.Equal("cancelled", result.Status);
        Assert.Equal(SagaPhase.Cancelled, result.Phase);
        Assert.Equal(["CloseClaimUnpaid"], result.Compensations.Select(c => c.Activity));
        Assert.Equal(0, h.CallsOf("PayClaim"));
    }

    [Fact]
    public async Task Run_RecordsKeepFailing_FailedClosedUnpaid()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("claims", "records");

        var result = await h.RunAsync<ClaimResult>(nameof(InsuranceClaimSaga), Claim(), Id);

        Assert.Equal("failed", result.Status);
        var close = Assert.Single(result.Compensations);
        Assert.Equal("CloseClaimUnpaid", close.Activity);
        Assert.True(close.StepWasInDoubt);
    }

    [Fact]
    public async Task Run_PaymentKeepsFailing_RefundsByKeyAndClosesUnpaid()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("claims", "pay");
        await h.StartAsync(nameof(InsuranceClaimSaga), Claim(), Id);

        await h.RaiseAsync(Id, InsuranceClaimSaga.ApprovalEvent, new Approval(true, "dr-house"));
        var result = await h.OutputAsync<ClaimResult>(Id);

        Assert.Equal("payment_failed", result.Status);
        Assert.Equal(["RefundClaim", "CloseClaimUnpaid"], result.Compensations.Select(c => c.Activity));
        Assert.True(result.Compensations[0].StepWasInDoubt);
        var claim = (await h.Claims.GetClaimAsync("CLM-1"))!;
        Assert.Equal("closed", claim.Status);
        Assert.Null(claim.PaymentId);
    }

    [Fact]
    public async Task Run_CloseKeepsFailingAfterPayment_PaidWithAWarningAndNoRefund()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("claims", "close");
        await h.StartAsync(nameof(InsuranceClaimSaga), Claim(), Id);

        await h.RaiseAsync(Id, InsuranceClaimSaga.ApprovalEvent, new Approval(true, "dr-house"));
        var result = await h.OutputAsync<ClaimResult>(Id);

        Assert.Equal("paid", result.Status);
        Assert.Equal(SagaPhase.Completed, result.Phase);
        Assert.NotNull(result.PaymentId);
        Assert.Null(result.ClosedAt);
        Assert.Contains(result.Warnings, w => w.Contains("CloseClaim", StringComparison.Ordinal));
        Assert.Empty(result.Compensations);
        Assert.Equal(6, h.CallsOf("CloseClaim"));
        Assert.Equal(0, h.CallsOf("RefundClaim"));
        Assert.Equal("paid", await ClaimStatusAsync(h));
    }

    [Fact]
    public async Task Run_ValidationKeepsFailing_FailedWithNothingToUndo()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.FailAsync("claims", "validate");

        var result = await h.RunAsync<ClaimResult>(nameof(InsuranceClaimSaga), Claim(), Id);

        Assert.Equal("failed", result.Status);
        Assert.Equal(SagaFailureKind.Failed, result.Error?.Kind);
        Assert.Empty(result.Compensations);
        Assert.Equal(3, h.CallsOf("ValidateClaim"));
        Assert.Equal(0, h.CallsOf("RequestMedicalRecords"));
    }
}
