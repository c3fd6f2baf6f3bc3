namespace SagaFunctions.Participants.Client;

/// <summary>Charge a customer for an order. <see cref="Amount"/> above the configured limit (default 500.00) is rejected with <c>over_limit</c>.</summary>
public sealed record ChargeRequest(string OrderId, string CustomerId, decimal Amount);
