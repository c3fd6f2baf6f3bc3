namespace SagaFunctions.Participants.Client;

/// <summary>A quantity of one SKU.</summary>
public sealed record LineItem(string Sku, int Quantity);
