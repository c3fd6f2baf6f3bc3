namespace SagaFunctions.Participants.Client;

/// <summary>A passed run (a failed run is the rejection <c>tests_failed</c>).</summary>
public sealed record RunTestsResponse(bool Passed, string Summary);
