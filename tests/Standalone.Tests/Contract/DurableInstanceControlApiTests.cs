using Microsoft.AspNetCore.Http;
using Moq;
using SagaFunctions.Http;

using SagaFunctions.Standalone.DurableWebhooks;

namespace SagaFunctions.Standalone.Tests.Contract;

/// <summary><see cref="DurableWebhookApi"/>'s control webhooks called directly: hosts without control, races, the started hook.</summary>
public sealed class DurableInstanceControlApiTests
{
    private static readonly DateTimeOffset Created = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static SagaInstance Instance(string status) =>
        new("i-1", "TestOrderSaga", status, Created, Created, "{}", null, null, null, null);

    private static HttpRequest Post(string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    private static int StatusOf(IResult result) => Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode!.Value;

    [Fact]
    public async Task ControlWebhooks_HostWithoutInstanceControl_Return501()
    {
        var client = new Mock<ISagaClient>(MockBehavior.Strict);
        var api = new DurableWebhookApi(client.Object);

        Assert.Equal(StatusCodes.Status501NotImplemented, StatusOf(await api.SuspendAsync(Post(), "i-1", CancellationToken.None)));
        Assert.Equal(StatusCodes.Status501NotImplemented, StatusOf(await api.ResumeAsync(Post(), "i-1", CancellationToken.None)));
        Assert.Equal(StatusCodes.Status501NotImplemented, StatusOf(await api.RestartAsync(Post(), "i-1", CancellationToken.None)));
    }

    [Fact]
    public async Task Suspend_InstanceFinishesBetweenCheckAndCall_Returns410()
    {
        var client = new Mock<ISagaClient>();
        client.SetupSequence(c => c.GetAsync("i-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(Instance("Running"))
            .ReturnsAsync(Instance("Completed"));
        var control = new Mock<ISagaInstanceControl>();
        control.Setup(c => c.SuspendAsync("i-1", "r", It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var api = new DurableWebhookApi(client.Object, control: control.Object);

        var result = await api.SuspendAsync(Post("?reason=r"), "i-1", CancellationToken.None);

        Assert.Equal(StatusCodes.Status410Gone, StatusOf(result));
        control.VerifyAll();
    }

    [Fact]
    public async Task Resume_InstancePurgedBetweenCheckAndCall_Returns404()
    {
        var client = new Mock<ISagaClient>();
        client.SetupSequence(c => c.GetAsync("i-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(Instance("Suspended"))
            .ReturnsAsync((SagaInstance?)null);
        var control = new Mock<ISagaInstanceControl>();
        control.Setup(c => c.ResumeAsync("i-1", null, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var api = new DurableWebhookApi(client.Object, control: control.Object);

        var result = await api.ResumeAsync(Post(), "i-1", CancellationToken.None);

        Assert.Equal(StatusCodes.Status404NotFound, StatusOf(result));
        control.VerifyAll();
    }

    [Fact]
    public async Task Suspend_EngineRefusesAnInstanceThatStillReadsRunning_Returns410()
    {
        var client = new Mock<ISagaClient>();
        client.Setup(c => c.GetAsync("i-1", It.IsAny<CancellationToken>())).ReturnsAsync(Instance("Running"));
        var control = new Mock<ISagaInstanceControl>();
        control.Setup(c => c.SuspendAsync("i-1", null, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var api = new DurableWebhookApi(client.Object, control: control.Object);

        var result = await api.SuspendAsync(Post(), "i-1", CancellationToken.None);

        Assert.Equal(StatusCodes.Status410Gone, StatusOf(result));
        client.Verify(c => c.GetAsync("i-1", It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Restart_Started_AnswersWithTheHostsStartedResponseForTheNewId()
    {
        var control = new Mock<ISagaInstanceControl>();
        control.Setup(c => c.RestartAsync("i-1", true, It.IsAny<CancellationToken>())).ReturnsAsync("i-2");
        string? answeredFor = null;
        var hostAnswer = Results.Text("durable");
        var api = new DurableWebhookApi(Mock.Of<ISagaClient>(), control: control.Object, started: (_, id, _) =>
        {
            answeredFor = id;
            return Task.FromResult(hostAnswer);
        });

        var result = await api.RestartAsync(Post(), "i-1", CancellationToken.None);

        Assert.Same(hostAnswer, result);
        Assert.Equal("i-2", answeredFor);
    }

    [Fact]
    public async Task Restart_InvalidInstanceId_Returns400WithoutCallingTheEngine()
    {
        var control = new Mock<ISagaInstanceControl>(MockBehavior.Strict);
        var api = new DurableWebhookApi(Mock.Of<ISagaClient>(), control: control.Object);

        var result = await api.RestartAsync(Post(), new string('x', InstanceIds.MaxLength + 1), CancellationToken.None);

        Assert.Equal(StatusCodes.Status400BadRequest, StatusOf(result));
    }
}
