namespace SagaFunctions.Participants.Tests.Infrastructure;

/// <summary>One host shared by a test class whose tests change nothing (bad input, 404s).</summary>
public sealed class SharedHost : IAsyncLifetime
{
    public ParticipantsHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ParticipantsHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
