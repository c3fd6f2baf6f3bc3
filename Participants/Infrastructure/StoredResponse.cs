namespace SagaFunctions.Participants.Infrastructure;

/// <summary>A response exactly as first sent, kept under its idempotency key.</summary>
internal sealed record StoredResponse(int StatusCode, string ContentType, string Body, bool Replayed = false);
