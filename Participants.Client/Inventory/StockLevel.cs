namespace SagaFunctions.Participants.Client;

/// <summary><see cref="Stock"/> is the quantity available to reserve; <see cref="Reserved"/> is held by reservations.</summary>
public sealed record StockLevel(string Sku, int Stock, int Reserved);
