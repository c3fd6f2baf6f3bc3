using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Sagas.InsuranceClaim;

/// <summary>
/// Start request of the insurance-claim saga: <c>{claimId, policyId, customerId, amount, description}</c>, plus the
/// optional <c>approvalTimeoutSeconds</c> (default 30 days, the seed's window; shorter to demonstrate <c>timeout</c>).
/// </summary>
public sealed record ClaimRequest(string ClaimId, string PolicyId, string CustomerId, decimal Amount, string Description, int? ApprovalTimeoutSeconds = null)
    : ISagaRequest
{
    /// <summary>The longest approval window a request may ask for: the seed's 30 days.</summary>
    public const int MaxApprovalTimeoutSeconds = 30 * 24 * 3600;

    /// <summary>How long the saga waits for the <c>approval</c> event.</summary>
    public TimeSpan ApprovalWindow =>
        ApprovalTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : InsuranceClaimSaga.ApprovalWindow;

    public IEnumerable<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        errors.RequireId(ClaimId, "claimId");
        errors.RequireId(PolicyId, "policyId");
        errors.RequireId(CustomerId, "customerId");
        errors.RequireAmount(Amount, "amount");
        errors.RequireText(Description, "description");
        if (ApprovalTimeoutSeconds is { } seconds)
        {
            errors.RequireRange(seconds, "approvalTimeoutSeconds", 1, MaxApprovalTimeoutSeconds);
        }

        return errors;
    }
}
