using System.Net;
using System.Text.Json;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;
using SagaFunctions.Sagas.Declarative;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Unit.Declarative;

/// <summary>The generic participant activity maps answers as the typed activities do.</summary>
public class DeclarativeActivitiesTests
{
    private static readonly JsonElement Body = JsonDocument.Parse("""{"orderId":"O-1"}""").RootElement.Clone();

    private static ParticipantCall Call(double? timeoutSeconds = null) => new(
        "payments",
        "charge",
        "participants/payments/charge",
        Body,
        timeoutSeconds,
        new ParticipantCallSpec("payments", "refund", "participants/payments/refund", JsonDocument.Parse("""{"chargeKey":"${key}","note":"undo ${result.paymentId} of ${input.orderId}"}""").RootElement.Clone()),
        new TemplateScope(Body, new Dictionary<string, JsonElement?>(), "i-1"));

    private static DeclarativeActivities Activities(HttpStatusCode status, string json, out StubHandler handler) =>
        new(new ParticipantCallClient(StubHandler.Client(status, json, out handler)));

    [Fact]
    public async Task CallParticipant_Success_IsTheAnswerSentWithTheKey()
    {
        var activities = Activities(HttpStatusCode.OK, """{"paymentId":"P-1"}""", out var handler);

        var result = await activities.CallParticipant(new StepInput<ParticipantCall>("i-1:charge", Call()), CancellationToken.None);

        Assert.False(result.IsRejected);
        Assert.Equal("P-1", result.Value!.Value.GetProperty("paymentId").GetString());
        Assert.Equal(("/participants/payments/charge", "i-1:charge", """{"orderId":"O-1"}"""), Assert.Single(handler.Requests));
    }

    [Fact]
    public async Task CallParticipant_Problem4xx_IsABusinessRejectionWithItsReason()
    {
        var activities = Activities(HttpStatusCode.UnprocessableEntity, """{"title":"Over the limit","detail":"500.01 is over 500.00","reason":"over_limit"}""", out _);

        var result = await activities.CallParticipant(new StepInput<ParticipantCall>("i-1:charge", Call()), CancellationToken.None);

        Assert.True(result.IsRejected);
        Assert.Equal("over_limit", result.RejectionCode);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task CallParticipant_5xx_IsATechnicalFailure()
    {
        var activities = Activities(HttpStatusCode.ServiceUnavailable, """{"title":"down"}""", out _);

        await Assert.ThrowsAsync<ParticipantUnavailableException>(() => activities.CallParticipant(new StepInput<ParticipantCall>("i-1:charge", Call()), CancellationToken.None));
    }

    [Fact]
    public async Task CallParticipant_AnswerSlowerThanTheStepTimeout_IsATechnicalFailure()
    {
        using var http = new HttpClient(new NeverAnswers()) { BaseAddress = new Uri("http://participants.test/") };
        var activities = new DeclarativeActivities(new ParticipantCallClient(http));

        var error = await Assert.ThrowsAsync<ParticipantUnavailableException>(() =>
            activities.CallParticipant(new StepInput<ParticipantCall>("i-1:charge", Call(timeoutSeconds: 0.05)), CancellationToken.None));

        Assert.Contains("timed out after 0.05 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompensateParticipant_EvaluatesItsBodyWithTheStepsKeyAndResult()
    {
        var activities = Activities(HttpStatusCode.OK, """{"status":"refunded","nothingToUndo":false}""", out var handler);
        var result = JsonDocument.Parse("""{"paymentId":"P-1"}""").RootElement.Clone();

        var detail = await activities.CompensateParticipant(new CompensationInput<ParticipantCall, JsonElement?>("i-1:charge:compensate", "i-1:charge", Call(), result), CancellationToken.None);

        Assert.Equal("payments refund: refunded", detail);
        Assert.Equal(("/participants/payments/refund", "i-1:charge:compensate", """{"chargeKey":"i-1:charge","note":"undo P-1 of O-1"}"""), Assert.Single(handler.Requests));
    }

    [Fact]
    public async Task CompensateParticipant_InDoubtStep_ResultIsEmptyAndNothingToUndoIsSaid()
    {
        var activities = Activities(HttpStatusCode.OK, """{"status":"nothing_to_refund","nothingToUndo":true}""", out var handler);

        var detail = await activities.CompensateParticipant(new CompensationInput<ParticipantCall, JsonElement?>("i-1:charge:compensate", "i-1:charge", Call(), null), CancellationToken.None);

        Assert.Equal("nothing to undo for step i-1:charge (payments refund: nothing_to_refund)", detail);
        Assert.Contains("\"note\":\"undo  of O-1\"", Assert.Single(handler.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompensateParticipant_Refused_ThrowsSoItIsRetriedThenDeadLettered()
    {
        var activities = Activities(HttpStatusCode.Conflict, """{"title":"No","reason":"refund_refused"}""", out _);

        var error = await Assert.ThrowsAsync<CompensationRefusedException>(() =>
            activities.CompensateParticipant(new CompensationInput<ParticipantCall, JsonElement?>("k:compensate", "k", Call(), null), CancellationToken.None));

        Assert.Equal("refund_refused", error.Code);
    }

    private sealed class NeverAnswers : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
