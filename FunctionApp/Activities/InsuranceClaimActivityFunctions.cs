using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.InsuranceClaim;

namespace SagaFunctions.FunctionApp.Activities;

/// <summary>One Durable activity function per <see cref="InsuranceClaimActivities"/> method (same name), each a one-line call.</summary>
public sealed class InsuranceClaimActivityFunctions(InsuranceClaimActivities activities)
{
    [Function(nameof(InsuranceClaimActivities.ValidateClaim))]
    public Task<StepResult<ValidateClaimResponse>> ValidateClaim([ActivityTrigger] StepInput<ValidateClaimRequest> input, CancellationToken cancellationToken) =>
        activities.ValidateClaim(input, cancellationToken);

    [Function(nameof(InsuranceClaimActivities.RequestMedicalRecords))]
    public Task<StepResult<RequestRecordsResponse>> RequestMedicalRecords([ActivityTrigger] StepInput<RequestRecordsRequest> input, CancellationToken cancellationToken) =>
        activities.RequestMedicalRecords(input, cancellationToken);

    [Function(nameof(InsuranceClaimActivities.CloseClaimUnpaid))]
    public Task<string> CloseClaimUnpaid([ActivityTrigger] CompensationInput<RequestRecordsRequest, RequestRecordsResponse> input, CancellationToken cancellationToken) =>
        activities.CloseClaimUnpaid(input, cancellationToken);

    [Function(nameof(InsuranceClaimActivities.PayClaim))]
    public Task<StepResult<PayClaimResponse>> PayClaim([ActivityTrigger] StepInput<PayClaimRequest> input, CancellationToken cancellationToken) =>
        activities.PayClaim(input, cancellationToken);

    [Function(nameof(InsuranceClaimActivities.RefundClaim))]
    public Task<string> RefundClaim([ActivityTrigger] CompensationInput<PayClaimRequest, PayClaimResponse> input, CancellationToken cancellationToken) =>
        activities.RefundClaim(input, cancellationToken);

    [Function(nameof(InsuranceClaimActivities.CloseClaim))]
    public Task<StepResult<CloseClaimResponse>> CloseClaim([ActivityTrigger] StepInput<CloseClaimRequest> input, CancellationToken cancellationToken) =>
        activities.CloseClaim(input, cancellationToken);
}
