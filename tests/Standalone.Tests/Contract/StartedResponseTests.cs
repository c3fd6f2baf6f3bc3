using System.Text;
using Microsoft.AspNetCore.Http;
using Moq;
using SagaFunctions.Http;
using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.Standalone.Tests.Contract;

/// <summary>The hook FunctionApp uses to answer starts with Durable's own check-status response.</summary>
public sealed class StartedResponseTests
{
    private const string OrderBody = """{"orderId":"O-1","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10}""";

    private static HttpRequest Post(string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }

    [Fact]
    public async Task StartAsync_Started_AnswersWithTheHostsStartedResponse()
    {
        var client = new Mock<ISagaClient>();
        client.Setup(c => c.TryStartAsync(It.IsAny<string>(), "o-1", It.IsAny<object>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        string? answeredFor = null;
        var hostAnswer = Results.Text("durable");
        var api = new SagaApi(client.Object, new SagaRegistry(SagaCatalog.Sagas), started: (_, id, _) =>
        {
            answeredFor = id;
            return Task.FromResult(hostAnswer);
        });

        var result = await api.StartAsync(Post(OrderBody), "order", "o-1", CancellationToken.None);

        Assert.Same(hostAnswer, result);
        Assert.Equal("o-1", answeredFor);
    }

    [Fact]
    public async Task StartAsync_DuplicateId_DoesNotCallTheStartedResponse()
    {
        var client = new Mock<ISagaClient>();
        client.Setup(c => c.TryStartAsync(It.IsAny<string>(), "o-1", It.IsAny<object>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var called = false;
        var api = new SagaApi(client.Object, new SagaRegistry(SagaCatalog.Sagas), started: (_, _, _) =>
        {
            called = true;
            return Task.FromResult(Results.Ok());
        });

        var result = await api.StartAsync(Post(OrderBody), "order", "o-1", CancellationToken.None);

        Assert.False(called);
        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
    }
}
