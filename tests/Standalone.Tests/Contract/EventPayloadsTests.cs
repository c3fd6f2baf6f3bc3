using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using SagaFunctions.Http;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Standalone.Tests.Contract;

/// <summary>Event payloads are validated from the payload type a saga declares, whatever the saga.</summary>
public sealed class EventPayloadsTests
{
    [Fact]
    public void Validate_DeclaredType_RequiresItsBooleanAndRefusesOtherFields()
    {
        var errors = EventPayloads.Validate("shipped", Json("""{"carrier":"dhl","extra":1}"""), typeof(Shipped));

        Assert.Equal(["delivered", "extra"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Fields: delivered, carrier, note.", errors["extra"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"delivered":true,"carrier":"0123456789A"}""", "carrier", "at most 10 characters")]
    [InlineData("""{"delivered":true,"carrier":"a\nb"}""", "carrier", "must not contain control characters.")]
    [InlineData("""{"delivered":true,"carrier":7}""", "carrier", "must be a string")]
    [InlineData("""{"delivered":true,"carrier":"dhl","note":"late\u0001"}""", "note", "other than tab and line breaks")]
    [InlineData("""{"delivered":false}""", "carrier", "needed when not delivered")]
    public void Validate_BadField_NamesItWithTheRule(string body, string field, string message)
    {
        var errors = EventPayloads.Validate("shipped", Json(body), typeof(Shipped));

        Assert.Contains(message, Assert.Single(errors, e => e.Key == field).Value[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodPayload_HasNoErrors()
    {
        Assert.Empty(EventPayloads.Validate("shipped", Json("""{"delivered":true,"note":"left at\nthe door"}"""), typeof(Shipped)));
    }

    [Fact]
    public void Validate_NoDeclaredType_AcceptsAnyObjectWithATextReason()
    {
        Assert.Empty(EventPayloads.Validate("anything", Json("""{"x":1,"reason":"fine"}"""), null));
        Assert.Empty(EventPayloads.Validate("anything", null, null));
        Assert.Contains("reason", EventPayloads.Validate("anything", Json("""{"reason":5}"""), null).Keys);
        Assert.Contains("$", EventPayloads.Validate("anything", Json("[1]"), null).Keys);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private sealed record Shipped(
        bool Delivered,
        [property: StringLength(10)] string? Carrier = null,
        [property: DataType(DataType.MultilineText)] string? Note = null) : ISagaRequest
    {
        public IEnumerable<FieldError> Validate() =>
            Delivered || Carrier is not null ? [] : [new FieldError("carrier", "'carrier' is needed when not delivered.")];
    }
}
