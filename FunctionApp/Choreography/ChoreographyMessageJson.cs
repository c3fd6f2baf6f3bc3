using System.Text.Json;
using SagaFunctions.Http;
using SagaFunctions.Sagas.Choreography;

namespace SagaFunctions.FunctionApp.Choreography;

/// <summary>
/// The JSON of a choreography message on a Storage Queue (<c>{messageId, choreographyId, topic, state: {order, paymentId,
/// ...}}</c>, camelCase). Reading is strict, since a queue is an input like any HTTP body: unknown or missing fields,
/// wrong types, a bad choreography id or an invalid order are refused with the JSON path of the field.
/// </summary>
public static class ChoreographyMessageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static string Write(ChoreographyMessage message) => JsonSerializer.Serialize(message, Options);

    /// <summary>The message in <paramref name="json"/>, or the reason it is not one (naming the field).</summary>
    public static (ChoreographyMessage? Message, string? Error) Read(string json)
    {
        ChoreographyMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<ChoreographyMessage>(json, Options);
        }
        catch (JsonException ex)
        {
            return (null, $"Not a choreography message at '{ex.Path ?? "$"}': {ex.Message}");
        }

        if (message is null)
        {
            return (null, "Not a choreography message at '$': the message is null.");
        }

        if (InstanceIds.Validate(message.ChoreographyId) is { } badId)
        {
            return (null, $"Not a choreography message at '$.choreographyId': {badId}");
        }

        if (string.IsNullOrWhiteSpace(message.MessageId) || string.IsNullOrWhiteSpace(message.Topic))
        {
            return (null, $"Not a choreography message at '{(string.IsNullOrWhiteSpace(message.MessageId) ? "$.messageId" : "$.topic")}': it must not be empty.");
        }

        var invalid = message.State.Order.Validate().FirstOrDefault();
        return invalid is null
            ? (message, null)
            : (null, $"Not a choreography message at '$.state.order.{invalid.Field}': {invalid.Message}");
    }
}
