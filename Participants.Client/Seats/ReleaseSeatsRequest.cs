namespace SagaFunctions.Participants.Client;

/// <summary>Release the hold made with idempotency key <see cref="HoldKey"/>.</summary>
public sealed record ReleaseSeatsRequest(string HoldKey);
