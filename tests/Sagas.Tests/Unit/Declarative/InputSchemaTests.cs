using System.Text.Json;
using SagaFunctions.Http;
using SagaFunctions.Sagas.Declarative;

namespace SagaFunctions.Sagas.Tests.Unit.Declarative;

public class InputSchemaTests
{
    private static IReadOnlyList<InputField> OrderFields => ShippedDefinition.Load().Input;

    private static (string? Request, string[] Errors) Validate(string body)
    {
        var (request, errors) = InputSchema.Validate(OrderFields, JsonDocument.Parse(body).RootElement);
        return (request?.ToJsonString(), [.. errors.Select(e => $"{e.Field}: {e.Message}")]);
    }

    [Fact]
    public void Validate_ValidOrder_RewritesFieldNamesToTheSchemasSpelling()
    {
        var (request, errors) = Validate("""{"OrderId":"O-1","customerId":"c-1","items":[{"SKU":"ITEM-001","quantity":2}],"amount":10.50}""");

        Assert.Empty(errors);
        Assert.Equal("""{"orderId":"O-1","customerId":"c-1","items":[{"sku":"ITEM-001","quantity":2}],"amount":10.50}""", request);
    }

    [Theory]
    [InlineData("""{"customerId":"c","items":[{"sku":"A","quantity":1}],"amount":1}""", "orderId: 'orderId' is required.")]
    [InlineData("""{"orderId":" ","customerId":"c","items":[{"sku":"A","quantity":1}],"amount":1}""", "orderId: 'orderId' is required.")]
    [InlineData("""{"orderId":1,"customerId":"c","items":[{"sku":"A","quantity":1}],"amount":1}""", "orderId: The value of 'orderId' has the wrong type or format.")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[],"amount":1}""", "items: 'items' must contain at least one entry.")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[null],"amount":1}""", "items[0]: 'items[0]' is required.")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[{"sku":"A"}],"amount":1}""", "items[0].quantity: 'items[0].quantity' is required.")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[{"sku":"A","quantity":0}],"amount":1}""", "items[0].quantity: 'items[0].quantity' must be between 1 and 10000.")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[{"sku":"A","quantity":1.5}],"amount":1}""", "items[0].quantity: The value of 'items[0].quantity' has the wrong type or format.")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[{"sku":"A","quantity":1,"colour":"red"}],"amount":1}""", "items[0].colour: 'items[0].colour' is not a field of this request. Fields: sku, quantity.")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[{"sku":"A","quantity":1}],"amount":-1}""", "amount: 'amount' must be greater than zero.")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[{"sku":"A","quantity":1}],"amount":1.001}""", "amount: 'amount' must have at most two decimal places.")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[{"sku":"A","quantity":1}],"amount":"1"}""", "amount: The value of 'amount' has the wrong type or format.")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[{"sku":"A","quantity":1}],"amount":1,"x":1}""", "x: 'x' is not a field of this request. Fields: orderId, customerId, items, amount.")]
    [InlineData("""{"orderId":"A\ud800B","customerId":"c","items":[{"sku":"A","quantity":1}],"amount":1}""", "orderId: The value of 'orderId' has the wrong type or format.")]
    public void Validate_BadField_NamesTheFieldWithTheCSharpSagasMessage(string body, string expected)
    {
        var (request, errors) = Validate(body);

        Assert.Null(request);
        Assert.Equal([expected], errors);
    }

    /// <summary>The declarative order and the C# order answer bad bodies with the same fields and messages.</summary>
    [Theory]
    [InlineData("""{"orderId":"","customerId":"c","items":[{"sku":"A\u0000B","quantity":20000}],"amount":0}""")]
    [InlineData("""{"orderId":"o","customerId":"c","items":[{"sku":"A","quantity":1}],"amount":2000000000}""")]
    [InlineData("""{"orderId":"o","customerId":"c","amount":5}""")]
    public void Validate_SameBadBody_SameErrorsAsTheOrderSaga(string body)
    {
        var root = JsonDocument.Parse(body).RootElement;
        var (_, csharp) = SagaRequestBinder.Bind(root, typeof(Order.OrderRequest));
        var (_, declarative) = SagaRequestBinder.Bind(root, ShippedDefinition.Registration().BindInput!);

        Assert.NotNull(csharp);
        Assert.NotNull(declarative);
        Assert.Equal(Errors(csharp), Errors(declarative));
    }

    private static string Errors(Microsoft.AspNetCore.Http.IResult result) =>
        JsonSerializer.Serialize(((Microsoft.AspNetCore.Http.HttpValidationProblemDetails)((Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult)result).ProblemDetails).Errors.OrderBy(e => e.Key, StringComparer.Ordinal));
}
