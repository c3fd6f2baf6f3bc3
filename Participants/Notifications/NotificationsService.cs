using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Notifications;

/// <summary>Notifications: "sends" an e-mail by storing it in an outbox the API lists (no mail server involved).</summary>
internal sealed class NotificationsService : IDisposable
{
    public const string Send = "send";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS outbox (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id TEXT NOT NULL UNIQUE,
            send_key TEXT NOT NULL UNIQUE,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            sent_at TEXT NOT NULL);
        """;

    public NotificationsService(IOptions<ParticipantsOptions> options) =>
        Database = new ParticipantDatabase(ParticipantCatalog.Notifications, options.Value, Schema, _ => { });

    public ParticipantDatabase Database { get; }

    public static void ValidateSend(SendEmailRequest request, ValidationErrors errors)
    {
        errors.Required("to", request.To, 320).Required("subject", request.Subject, 500);
        if (request.Body is { Length: > 32_000 })
        {
            errors.Add("body", "The body field must be at most 32000 characters.");
        }
    }

    public Outcome ExecuteSend(OperationContext context, SendEmailRequest request)
    {
        var messageId = Ids.New("msg");
        context.Transaction.Execute(
            """
            INSERT INTO outbox (message_id, send_key, recipient, subject, body, sent_at)
            VALUES ($id, $key, $to, $subject, $body, $at)
            """,
            ("$id", messageId),
            ("$key", context.IdempotencyKey),
            ("$to", request.To),
            ("$subject", request.Subject),
            ("$body", request.Body ?? string.Empty),
            ("$at", Timestamps.Format(context.Now)));
        return Outcome.Ok(new SendEmailResponse(messageId));
    }

    /// <summary>The outbox, oldest first, optionally only the messages to <paramref name="to"/>.</summary>
    public Task<List<OutboxMessage>> ListAsync(string? to, CancellationToken cancellationToken) =>
        Database.ReadAsync(
            tx => tx.List(
                "SELECT message_id, recipient, subject, body, sent_at FROM outbox WHERE $to IS NULL OR recipient = $to ORDER BY sequence",
                Map,
                ("$to", to)),
            cancellationToken);

    public void Dispose() => Database.Dispose();

    private static OutboxMessage Map(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.Timestamp(4));
}
