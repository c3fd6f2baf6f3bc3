namespace SagaFunctions.Sagas.Order;

/// <summary>One order line: <c>{sku, quantity}</c>.</summary>
public sealed record OrderItem(string Sku, int Quantity);
