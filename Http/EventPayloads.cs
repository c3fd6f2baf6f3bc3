using System.Text.Json;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Http;

/// <summary>
/// Validates external-event payloads (docs/architecture.md, "HTTP contract"): ticketing <c>payment</c> <c>{succeeded, paymentId, reason}</c> and
/// insurance-claim <c>approval</c> <c>{approved, approver, reason}</c> need their boolean; cancel takes an optional
/// <c>{reason}</c>, the retry-now route an optional <c>{note}</c>; a field
/// these payloads do not have is refused. Other events accept any JSON object (or no body).
/// </summary>
public static class EventPayloads
{
    public const int MaxTextLength = 500;

    /// <summary>An id carried by an event (<c>paymentId</c>): as long as any id of this API, well within the seats service's limit.</summary>
    public const int MaxIdLength = 100;

    public static Dictionary<string, string[]> Validate(string eventName, JsonElement? body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var required = eventName switch
        {
            "payment" => "succeeded",
            "approval" => "approved",
            _ => null,
        };

        if (body is not { } root)
        {
            if (required is not null)
            {
                errors[required] = [$"'{required}' (true or false) is required."];
            }

            return errors;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["$"] = ["The event payload must be a JSON object."];
            return errors;
        }

        if (KnownFields(eventName) is { } known)
        {
            foreach (var property in root.EnumerateObject())
            {
                if (!known.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                {
                    errors[property.Name] = [$"'{property.Name}' is not a field of the '{eventName}' payload. Fields: {string.Join(", ", known)}."];
                }
            }
        }

        if (required is not null)
        {
            if (!root.TryGetProperty(required, out var flag) || flag.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                errors[required] = [$"'{required}' (true or false) is required."];
            }
            else if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors[required] = [$"'{required}' must be a boolean."];
            }
        }

        // A successful payment confirms the tickets with its id: without one the saga could only give up.
        if (eventName == "payment" && root.TryGetProperty("succeeded", out var succeeded) && succeeded.ValueKind == JsonValueKind.True
            && (!root.TryGetProperty("paymentId", out var paymentId) || paymentId.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(paymentId.GetString())))
        {
            errors["paymentId"] = ["'paymentId' is required when 'succeeded' is true."];
        }

        foreach (var text in TextFields(eventName))
        {
            if (!root.TryGetProperty(text, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                errors[text] = [$"'{text}' must be a string."];
            }
            else if (value.GetString()!.Length > MaxLength(text))
            {
                errors[text] = [$"'{text}' must be at most {MaxLength(text)} characters."];
            }
            else if (RequestChecks.HasControlCharacter(value.GetString()!, allowLineBreaks: text is "reason" or "note"))
            {
                errors[text] = [text is "reason" or "note"
                    ? $"'{text}' must not contain control characters other than tab and line breaks."
                    : $"'{text}' must not contain control characters."];
            }
        }

        return errors;
    }

    /// <summary>The fields a payload may have; null for events whose payload is free-form.</summary>
    private static string[]? KnownFields(string eventName) => eventName switch
    {
        "payment" => ["succeeded", "paymentId", "reason"],
        "approval" => ["approved", "approver", "reason"],
        "cancel" => ["reason"],
        "retry" => ["note"],
        _ => null,
    };

    private static int MaxLength(string field) => field == "paymentId" ? MaxIdLength : MaxTextLength;

    private static string[] TextFields(string eventName) => eventName switch
    {
        "payment" => ["paymentId", "reason"],
        "approval" => ["approver", "reason"],
        "retry" => ["note"],
        _ => ["reason"],
    };
}
