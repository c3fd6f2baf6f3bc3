using System.ComponentModel.DataAnnotations;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Sagas.Ticketing;

/// <summary>The <c>payment</c> event: <c>{succeeded, paymentId, reason}</c>; a successful payment names its id.</summary>
public sealed record PaymentConfirmation(
    bool Succeeded,
    [property: StringLength(RequestChecks.MaxIdLength)] string? PaymentId = null,
    [property: DataType(DataType.MultilineText)] string? Reason = null) : ISagaRequest
{
    /// <summary>A successful payment confirms the tickets with its id: without one the saga could only give up.</summary>
    public IEnumerable<FieldError> Validate()
    {
        if (Succeeded && string.IsNullOrWhiteSpace(PaymentId))
        {
            yield return new FieldError("paymentId", "'paymentId' is required when 'succeeded' is true.");
        }
    }
}
