using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Kernel.Definitions;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.InsuranceClaim;

/// <summary>
/// Validate → request medical records → wait up to 30 days for the <c>approval</c> event → pay (the pivot) → close.
/// Invalid: <c>rejected_invalid</c>. Not approved: the claim is closed unpaid, <c>rejected</c>. No answer in 30 days:
/// closed unpaid, <c>timeout</c>. Payment failed: refund by key if in doubt, closed unpaid, <c>payment_failed</c>.
/// Records that cannot be requested: <c>failed</c>, as the seed. Nothing is paid unless approved. After the payment
/// there is nothing to undo: closing is retried with forward recovery and, as in the seed (which ignores the close),
/// a close that keeps failing still ends <c>paid</c>, with a warning that the claim is still open.
/// </summary>
public static class InsuranceClaimSaga
{
    public const string Route = "insurance-claim";

    public const string ApprovalEvent = "approval";

    public const string Paid = "paid";

    public const string RejectedInvalid = "rejected_invalid";

    public const string Rejected = "rejected";

    public const string Timeout = "timeout";

    public const string PaymentFailed = "payment_failed";

    public const string Failed = "failed";

    /// <summary>How long the saga waits for the approval unless the request says otherwise (<c>approvalTimeoutSeconds</c>).</summary>
    public static readonly TimeSpan ApprovalWindow = TimeSpan.FromDays(30);

    public static SagaOptions Options { get; } = SagaOptions.Default;

    /// <summary>The saga as data (<c>GET /api/definitions/insurance-claim</c>): the payment is the point of no return.</summary>
    public static SagaDefinition Definition { get; } = new(
        Route,
        SagaDefinition.CodeKind,
        "1",
        "Validate the claim, request the medical records, wait up to 30 days for the approval, pay (the pivot), then close the claim.",
        [
            new(nameof(InsuranceClaimActivities.ValidateClaim), null, MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(InsuranceClaimActivities.RequestMedicalRecords), nameof(InsuranceClaimActivities.CloseClaimUnpaid), MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(InsuranceClaimActivities.PayClaim), nameof(InsuranceClaimActivities.RefundClaim), Pivot: true, MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(InsuranceClaimActivities.CloseClaim), null, NonCritical: true, MaxAttempts: Options.ForwardRecoveryRetry.MaxAttempts),
        ],
        [new(ApprovalEvent, nameof(InsuranceClaimActivities.RequestMedicalRecords), ApprovalWindow.TotalSeconds, Timeout)],
        [ApprovalEvent, Saga.CancelEventName],
        [Paid, RejectedInvalid, Rejected, Timeout, PaymentFailed, Failed, SagaEnd.CancelledStatus]);

    /// <summary>The saga as the hosts see it (route, types, events, activities): the one declaration they are built from.</summary>
    public static SagaDeclaration Declaration { get; } = SagaDeclaration.For<ClaimRequest, ClaimResult>(Route, nameof(InsuranceClaimSaga), RunAsync, Definition)
        .WithActivities<InsuranceClaimActivities>()
        .Accepts<Approval>(ApprovalEvent);

    public static Task<ClaimResult> RunAsync(IOrchestrationContext context) => SagaTelemetry.RunAsync(context, Route, RunSagaAsync);

    private static async Task<ClaimResult> RunSagaAsync(IOrchestrationContext context)
    {
        var request = SagaInputs.Require<ClaimRequest>(context);
        var saga = new Saga(context, Route, Options);
        var result = new ClaimResult { Status = Failed, ClaimId = request.ClaimId };
        try
        {
            _ = await saga.Step<ValidateClaimResponse>(
                nameof(InsuranceClaimActivities.ValidateClaim),
                new ValidateClaimRequest(request.ClaimId, request.PolicyId, request.CustomerId, request.Amount, request.Description));

            var records = await saga.Step<RequestRecordsResponse>(nameof(InsuranceClaimActivities.RequestMedicalRecords), new RequestRecordsRequest(request.ClaimId))
                .CompensateWith(nameof(InsuranceClaimActivities.CloseClaimUnpaid));
            result = result with { RecordsId = records.RecordsId };

            var approval = await saga.WaitForEvent<Approval>(ApprovalEvent, request.ApprovalWindow);
            if (approval.TimedOut)
            {
                return await saga.CompensateAndEndAsync(new SagaFailure(SagaFailureKind.Rejected, ApprovalEvent, Timeout, $"No approval within {request.ApprovalWindow}."), result, Timeout);
            }

            result = result with { Approver = approval.Value?.Approver, Reason = approval.Value?.Reason };
            if (approval.Value is not { Approved: true })
            {
                return await saga.CompensateAndEndAsync(new SagaFailure(SagaFailureKind.Rejected, ApprovalEvent, Rejected, approval.Value?.Reason ?? "The claim was not approved."), result, Rejected);
            }

            var payment = await saga.Step<PayClaimResponse>(nameof(InsuranceClaimActivities.PayClaim), new PayClaimRequest(request.ClaimId, request.CustomerId, request.Amount))
                .CompensateWith(nameof(InsuranceClaimActivities.RefundClaim))
                .AsPivot();
            result = result with { PaymentId = payment.PaymentId };

            var closed = await saga.Optional<CloseClaimResponse>(nameof(InsuranceClaimActivities.CloseClaim), new CloseClaimRequest(request.ClaimId, Paid));
            result = result with { Status = Paid, ClosedAt = closed?.ClosedAt };
            return saga.Succeed(result);
        }
        catch (SagaFailedException ex)
        {
            var status = ex.Failure switch
            {
                _ when ex.Failure.IsAt(nameof(InsuranceClaimActivities.ValidateClaim)) && ex.Failure.IsRejection(RejectionCodes.InvalidClaim) => RejectedInvalid,
                _ when ex.Failure.IsAt(nameof(InsuranceClaimActivities.PayClaim)) => PaymentFailed,
                _ => Failed,
            };
            return await saga.CompensateAndEndAsync(ex.Failure, result, status);
        }
    }
}
