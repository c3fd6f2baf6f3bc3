using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Standalone.Tests.Support;

public sealed record TestClaimRequest(string? ClaimId, string? PolicyId, string? CustomerId, decimal Amount, string? Description) : ISagaRequest
{
    public IEnumerable<FieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(ClaimId))
        {
            yield return new FieldError("claimId", "'claimId' is required.");
        }
    }
}
