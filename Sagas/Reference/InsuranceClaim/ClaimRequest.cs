using SagaFunctions.Sagas.Catalog;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.InsuranceClaim;

/// <summary>Start request of the insurance-claim saga: <c>{claimId, policyId, customerId, amount, description}</c>.</summary>
public sealed record ClaimRequest(string ClaimId, string PolicyId, string CustomerId, decimal Amount, string Description) : ISagaRequest
{
    public IEnumerable<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        errors.RequireId(ClaimId, "claimId");
        errors.RequireId(PolicyId, "policyId");
        errors.RequireId(CustomerId, "customerId");
        errors.RequireAmount(Amount, "amount");
        errors.RequireText(Description, "description");
        return errors;
    }
}
