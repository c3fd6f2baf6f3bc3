namespace SagaFunctions.Participants.Client;

/// <summary>A completed charge. <see cref="Status"/> is <c>charged</c>.</summary>
public sealed record ChargeResponse(string PaymentId, string OrderId, string CustomerId, decimal Amount, string Status);
