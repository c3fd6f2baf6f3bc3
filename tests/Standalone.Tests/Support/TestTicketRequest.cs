using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Standalone.Tests.Support;

public sealed record TestTicketRequest(string? BookingId, string? EventId, IReadOnlyList<string>? SeatIds, string? CustomerId, decimal TotalAmount) : ISagaRequest
{
    public IEnumerable<FieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(BookingId))
        {
            yield return new FieldError("bookingId", "'bookingId' is required.");
        }
    }
}
