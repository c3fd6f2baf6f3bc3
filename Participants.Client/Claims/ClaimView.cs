namespace SagaFunctions.Participants.Client;

/// <summary><see cref="Status"/>: <c>invalid</c>, <c>validated</c>, <c>records_requested</c>, <c>paid</c>, <c>closed</c>.</summary>
public sealed record ClaimView(string ClaimId, string PolicyId, string CustomerId, decimal Amount, string Status, string? RecordsId, string? PaymentId, string? Resolution, DateTimeOffset? ClosedAt);
