using System.Text;
using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using SagaFunctions.FunctionApp.Api;
using SagaFunctions.FunctionApp.Tests.RealEngine;
using SagaFunctions.Http;
using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.FunctionApp.Tests.Unit;

/// <summary>FunctionApp's HTTP starters over a mocked <see cref="DurableTaskClient"/>, wrapped as the binding wraps it.</summary>
public class SagaHttpFunctionsTests
{
    private const string Order = """{"orderId":"o-1","customerId":"c-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10}""";

    private readonly Mock<DurableTaskClient> _durable = new("test");
    private readonly SagaHttpFunctions _functions = new(new SagaRegistry(SagaCatalog.Sagas), new SagaHttpOptions(), new Mock<SagaFunctions.Kernel.DeadLetters.IDeadLetterStore>().Object, TimeProvider.System, new SagaFunctions.FunctionApp.Tests.Storage.NoStartClaims(),
        new SagaFunctions.Http.Audit.AuditTrail(new Mock<SagaFunctions.Http.Audit.IAuditLog>().Object, TimeProvider.System, SagaFunctions.Http.Audit.AuditTrail.ClientPrincipalName));

    private DurableTaskClient Client => DurableEngineHost.FunctionsClient(_durable.Object, new Uri("https://app.example"));

    [Fact]
    public async Task StartSaga_NewId_SchedulesWithDedupeOnEveryStatusAndAnswers202WithTheBindingsUrls()
    {
        StartOrchestrationOptions? options = null;
        _durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((_, _, o, _) => options = o)
            .ReturnsAsync("o-1");

        var (status, location, body) = await RunAsync(_functions.StartSaga(Request("POST", Order), Client, "order", "o-1", CancellationToken.None));

        Assert.Equal(202, status);
        Assert.Equal("o-1", options?.InstanceId);
        Assert.Equal(Enum.GetValues<OrchestrationRuntimeStatus>().Length, options?.DedupeStatuses?.Count);
        Assert.StartsWith("https://app.example/runtime/webhooks/durabletask/instances/o-1?", location, StringComparison.Ordinal);
        Assert.Contains("code=" + DurableEngineHost.SystemKey, location, StringComparison.Ordinal);
        Assert.Contains("\"StatusQueryGetUri\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartSaga_IdExists_409AndNothingScheduled()
    {
        _durable.Setup(c => c.GetInstancesAsync("o-1", It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata("OrderSaga", "o-1") { RuntimeStatus = OrchestrationRuntimeStatus.Completed });

        var (status, _, body) = await RunAsync(_functions.StartSaga(Request("POST", Order), Client, "order", "o-1", CancellationToken.None));

        Assert.Equal(409, status);
        Assert.Contains("code=" + DurableEngineHost.SystemKey, body, StringComparison.Ordinal);
        _durable.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task StartSaga_EngineRefusesAConcurrentDuplicate_409()
    {
        _durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OrchestrationAlreadyExistsException("An orchestration with id 'o-1' already exists."));

        var (status, _, _) = await RunAsync(_functions.StartSaga(Request("POST", Order), Client, "order", "o-1", CancellationToken.None));

        Assert.Equal(409, status);
    }

    [Fact]
    public async Task StartSaga_EngineUnavailable_FailureIsNotReportedAsAConflict()
    {
        _durable.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "backend down")));

        await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => _functions.StartSaga(Request("POST", Order), Client, "order", "o-1", CancellationToken.None));
    }

    [Fact]
    public async Task RaiseSagaEvent_UnknownInstance_404AndNothingRaised()
    {
        var (status, _, _) = await RunAsync(_functions.RaiseSagaEvent(Request("POST", """{"succeeded":true,"paymentId":"P-1"}"""), Client, "ticketing", "b-1", "payment", CancellationToken.None));

        Assert.Equal(404, status);
        _durable.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RaiseSagaEvent_FinishedInstance_410AndNothingRaised()
    {
        _durable.Setup(c => c.GetInstancesAsync("b-1", It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata("TicketingSaga", "b-1") { RuntimeStatus = OrchestrationRuntimeStatus.Completed });

        var (status, _, _) = await RunAsync(_functions.RaiseSagaEvent(Request("POST", """{"succeeded":true,"paymentId":"P-1"}"""), Client, "ticketing", "b-1", "payment", CancellationToken.None));

        Assert.Equal(410, status);
        _durable.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static HttpRequest Request(string method, string body)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("app.example");
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = "application/json";
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    private static async Task<(int Status, string? Location, string Body)> RunAsync(Task<IResult> call)
    {
        var result = await call;
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, context.Response.Headers.Location.FirstOrDefault(), Encoding.UTF8.GetString(body.ToArray()));
    }
}
