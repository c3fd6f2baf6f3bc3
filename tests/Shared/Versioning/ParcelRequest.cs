using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Tests.Shared.Versioning;

/// <summary>Start request of the versioned test saga: <c>{parcelId}</c>.</summary>
public sealed record ParcelRequest(string ParcelId) : ISagaRequest
{
    public IEnumerable<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        errors.RequireId(ParcelId, "parcelId");
        return errors;
    }
}
