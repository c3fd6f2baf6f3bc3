using System.Text.Json;
using SagaFunctions.Sagas.Declarative;

namespace SagaFunctions.Sagas.Tests.Unit.Declarative;

public class TemplatesTests
{
    private static readonly JsonElement Input = Json("""{"orderId":"O-1","amount":10.50,"items":[{"sku":"ITEM-001","quantity":2}],"gift":true}""");

    private static TemplateScope Scope(JsonElement? result = null) => new(
        Input,
        new Dictionary<string, JsonElement?> { ["charge"] = Json("""{"paymentId":"P-1","amount":10.50}"""), ["email"] = null },
        "inst-1",
        "inst-1:charge",
        result);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static string Eval(string template, TemplateScope? scope = null) => Templates.Evaluate(Json(template), scope ?? Scope()).GetRawText();

    [Fact]
    public void Evaluate_WholeValueReference_KeepsTheReferencedType()
    {
        Assert.Equal("""{"items":[{"sku":"ITEM-001","quantity":2}],"amount":10.50,"gift":true}""", Eval("""{"items":"${input.items}","amount":"${input.amount}","gift":"${input.gift}"}"""));
    }

    [Fact]
    public void Evaluate_Interpolation_WritesEachReferenceAsText()
    {
        Assert.Equal("\"Order O-1: 10.50 paid by P-1 (ITEM-001 x2) in inst-1\"", Eval("\"Order ${input.orderId}: ${input.amount} paid by ${steps.charge.paymentId} (${input.items[0].sku} x${input.items[0].quantity}) in ${instanceId}\""));
    }

    [Fact]
    public void Evaluate_KeyAndResult_ResolveInTheirScope()
    {
        Assert.Equal("""{"chargeKey":"inst-1:charge","payment":"P-9"}""", Eval("""{"chargeKey":"${key}","payment":"${result.paymentId}"}""", Scope(Json("""{"paymentId":"P-9"}"""))));
    }

    [Fact]
    public void Evaluate_MissingValues_AreNullWholeAndEmptyInterpolated()
    {
        Assert.Equal("""{"a":null,"b":"id: ","c":null,"d":null}""", Eval("""{"a":"${steps.email.messageId}","b":"id: ${steps.email.messageId}","c":"${input.items[5].sku}","d":"${result.x}"}"""));
    }

    [Fact]
    public void Evaluate_DoubleDollar_IsALiteral()
    {
        Assert.Equal("\"costs ${input.amount} = 10.50\"", Eval("\"costs $${input.amount} = ${input.amount}\""));
    }

    [Fact]
    public void Evaluate_NonStringValues_AreCopied()
    {
        Assert.Equal("""{"n":3,"b":false,"z":null,"list":[1,"O-1"]}""", Eval("""{"n":3,"b":false,"z":null,"list":[1,"${input.orderId}"]}"""));
    }

    [Theory]
    [InlineData("${order.id}", "must start with one of")]
    [InlineData("${input.items[x]}", "malformed index")]
    [InlineData("${input.}", "empty or malformed field name")]
    [InlineData("${input.orderId", "no closing")]
    [InlineData("${steps}", "must name a step")]
    [InlineData("${key.x}", "has no fields")]
    [InlineData("${input orderId}", "unexpected ' '")]
    public void Parse_MalformedReference_SaysWhatIsWrong(string template, string expected)
    {
        Assert.Null(Templates.Parse(template, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_NestedTemplate_ListsEveryStringWithItsJsonPath()
    {
        var paths = Templates.Strings(Json("""{"a":"x","b":{"c":["${input.orderId}",1]}}"""), "$.body").Select(s => s.Path);

        Assert.Equal(["$.body.a", "$.body.b.c[0]"], paths);
    }
}
