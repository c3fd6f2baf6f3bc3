namespace SagaFunctions.Kernel.Tests;

internal sealed record Charge(string OrderId, decimal Amount);

internal sealed record Payment(string PaymentId);

internal sealed record Reservation(string ReservationId);

internal sealed record Approval(bool Approved, string Approver);
