using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.Http;
using SagaFunctions.Kernel.Definitions;
using SagaFunctions.Standalone.Tests.Support;

namespace SagaFunctions.Standalone.Tests.Contract;

/// <summary><see cref="DefinitionsApi"/> over registries the reference catalog does not have: other versions, declarative sagas, none.</summary>
public sealed class DefinitionsApiTests
{
    private static readonly SagaDefinition Fulfillment = new(
        "order-fulfillment",
        SagaDefinition.DeclarativeKind,
        "1",
        "A saga from a definition file.",
        [new StepDefinition("ChargePayment", "RefundPayment", MaxAttempts: 3)],
        [],
        ["cancel"],
        ["completed", "failed", "cancelled"]);

    private static readonly DefinitionsApi Api = new(new SagaRegistry(
    [
        TestSagas.All[0] with { Version = "7", Definition = Fulfillment with { Saga = "order" } },
        TestSagas.All[1],
        new("order-fulfillment", "Declarative:order-fulfillment", typeof(TestOrderRequest), ["cancel"], _ => Task.FromResult<object?>(null)) { Definition = Fulfillment },
    ]));

    [Fact]
    public async Task List_RegistryWithDeclarativeAndUndeclaredSagas_ListsEveryDefinitionInRegistryOrder()
    {
        var (status, body) = await ExecuteAsync(Api.List(new DefaultHttpContext().Request));

        Assert.Equal(StatusCodes.Status200OK, status);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["order", "order-fulfillment"], items.Select(i => i.GetProperty("saga").GetString()));
        Assert.Equal("declarative", items[1].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Get_RegistrationOfAnotherVersion_ServesTheRegistrationsVersion()
    {
        var (status, body) = await ExecuteAsync(Api.Get("ORDER"));

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("7", body.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Get_RegistrationWithoutDefinition_404SayingSo()
    {
        var (status, body) = await ExecuteAsync(Api.Get("ticketing"));

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Equal("Saga 'ticketing' declares no definition.", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Get_UnknownSaga_404NamingItAndTheKnownOnes()
    {
        var (status, body) = await ExecuteAsync(Api.Get("teleport"));

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Equal("Unknown saga 'teleport'. Known sagas: order, ticketing, order-fulfillment.", body.GetProperty("detail").GetString());
    }

    private static async Task<(int Status, JsonElement Body)> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }
}
