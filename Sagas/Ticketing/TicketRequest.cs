using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Sagas.Ticketing;

/// <summary>Start request of the ticketing saga: <c>{bookingId, eventId, seatIds:[], customerId, totalAmount}</c>.</summary>
public sealed record TicketRequest(string BookingId, string EventId, IReadOnlyList<string> SeatIds, string CustomerId, decimal TotalAmount) : ISagaRequest
{
    /// <summary>Most seats in one booking.</summary>
    public const int MaxSeats = 50;

    public IEnumerable<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        errors.RequireId(BookingId, "bookingId");
        errors.RequireId(EventId, "eventId");
        if (errors.RequireList(SeatIds, "seatIds", MaxSeats))
        {
            for (var i = 0; i < SeatIds.Count; i++)
            {
                errors.RequireId(SeatIds[i], RequestChecks.Indexed("seatIds", i));
            }

            if (SeatIds.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).Count() != SeatIds.Count(s => !string.IsNullOrWhiteSpace(s)))
            {
                errors.Add(new FieldError("seatIds", "'seatIds' must not contain the same seat twice."));
            }
        }

        errors.RequireId(CustomerId, "customerId");
        errors.RequireAmount(TotalAmount, "totalAmount");
        return errors;
    }
}
