namespace SagaFunctions.Participants.Client;

/// <summary>Typed client of the notifications participant (<c>/participants/notifications</c>).</summary>
public sealed class NotificationsClient(HttpClient http) : ParticipantHttpClient(http)
{
    /// <summary>Sends an e-mail (stored in the outbox).</summary>
    public Task<ParticipantResult<SendEmailResponse>> SendAsync(string idempotencyKey, SendEmailRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<SendEmailRequest, SendEmailResponse>("participants/notifications/send", idempotencyKey, request, cancellationToken);

    /// <summary>The outbox.</summary>
    public Task<Outbox?> GetOutboxAsync(CancellationToken cancellationToken = default) =>
        GetOrDefaultAsync<Outbox>("participants/notifications/outbox", cancellationToken);
}
