using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using SagaFunctions.Participants.Client;

namespace SagaFunctions.Participants.Infrastructure;

/// <summary>
/// The <c>idempotency</c> table of a service's database: (operation, key) → the first response. It is written in the
/// same transaction as the operation's effect, so an effect and its stored answer exist together or not at all.
/// </summary>
internal static class IdempotencyStore
{
    /// <summary>The stored entry; its <c>Hash</c> is null for a tombstone (refuses any request).</summary>
    public static StoredEntry? Find(SqliteTransaction transaction, string operation, string key) =>
        transaction.Single(
            "SELECT request_hash, status_code, content_type, body FROM idempotency WHERE operation = $op AND key = $key",
            r => new StoredEntry(r.NullableString(0), new StoredResponse(r.GetInt32(1), r.GetString(2), r.GetString(3))),
            ("$op", operation),
            ("$key", key));

    public static void Save(SqliteTransaction transaction, string operation, string key, string? hash, StoredResponse response, DateTimeOffset now) =>
        transaction.Execute(
            """
            INSERT INTO idempotency (operation, key, request_hash, status_code, content_type, body, created_at)
            VALUES ($op, $key, $hash, $status, $type, $body, $at)
            """,
            ("$op", operation),
            ("$key", key),
            ("$hash", hash),
            ("$status", response.StatusCode),
            ("$type", response.ContentType),
            ("$body", response.Body),
            ("$at", Timestamps.Format(now)));

    /// <summary>
    /// Compensation of an operation that never ran: pre-stores a refusal under the original's key so that the
    /// original, should it arrive late (it was in flight when the saga gave up), is refused instead of taking effect.
    /// </summary>
    public static void Tombstone(SqliteTransaction transaction, string operation, string key, string compensatedBy, DateTimeOffset now)
    {
        if (Find(transaction, operation, key) is not null)
        {
            return;
        }

        var body = Problems.Serialize(
            StatusCodes.Status409Conflict,
            RejectionCodes.AlreadyCompensated,
            $"The {operation} with idempotency key '{key}' was compensated ({compensatedBy}) before it ran; it will not run.",
            null);
        Save(transaction, operation, key, null, new StoredResponse(StatusCodes.Status409Conflict, Problems.ContentType, body), now);
    }

    /// <summary>A canonical hash of the request (re-serialized record), to detect a key reused for a different request.</summary>
    public static string Hash<T>(T request)
    {
        using var document = JsonSerializer.SerializeToDocument(request, ParticipantJson.Options);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(document.RootElement, writer);
        }

        return Convert.ToHexString(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Writes JSON with numbers normalized (10, 10.0 and 10.00 are the same amount).</summary>
    private static void WriteCanonical(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number when element.TryGetDecimal(out var number):
                writer.WriteNumberValue(number / 1.0000000000000000000000000000m);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    internal sealed record StoredEntry(string? Hash, StoredResponse Response);
}
