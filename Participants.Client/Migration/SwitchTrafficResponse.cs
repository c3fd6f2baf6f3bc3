namespace SagaFunctions.Participants.Client;

/// <summary><see cref="Traffic"/> is <c>new</c> after the switch.</summary>
public sealed record SwitchTrafficResponse(string MigrationId, string Traffic);
