namespace SagaFunctions.Participants.Client;

/// <summary><see cref="Resolution"/> is free text, e.g. <c>paid</c>, <c>rejected</c>, <c>timeout</c>.</summary>
public sealed record CloseClaimRequest(string ClaimId, string? Resolution = null);
