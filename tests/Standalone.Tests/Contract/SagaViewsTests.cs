using System.Text.Json;
using SagaFunctions.Http;
using SagaFunctions.Kernel;

namespace SagaFunctions.Standalone.Tests.Contract;

/// <summary>The saga view and list row read from the typed custom status (the kernel's <see cref="SagaStatus"/>) and output.</summary>
public sealed class SagaViewsTests
{
    private static readonly DateTime At = new(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly SagaStatus Running = new(
        "order",
        SagaPhase.Waiting,
        "payment",
        ["ChargePayment"],
        ["ReserveInventory"],
        [new StepError("CreateShipment", "out_of_stock", "none left")],
        [new StepRetry("ChargePayment", "compensation", 2, 5, "HttpRequestException", "503", At.AddSeconds(4))],
        ["SendConfirmation: smtp down"],
        "payment",
        At.AddMinutes(10),
        [new TimelineEntry(At, "ChargePayment", "completed")],
        At);

    [Fact]
    public void ToView_KernelStatusWithEveryListPopulated_ReadsEachList()
    {
        var view = SagaViews.ToView(Instance("Running", Json(Running)), "order", "http://h", "http://h/s");

        Assert.Equal(("waiting", "waiting", "payment"), (view.Phase, view.Outcome, view.CurrentStep));
        var retry = Assert.Single(view.Retries);
        Assert.Equal(new SagaRetryView("ChargePayment", "compensation", 2, 5, new SagaErrorDetail("HttpRequestException", "503"), new DateTimeOffset(At.AddSeconds(4))), retry);
        Assert.Equal(new SagaWaitView("payment", new DateTimeOffset(At.AddMinutes(10))), view.WaitingFor);
        Assert.Equal(["ReserveInventory"], view.Compensations.Select(c => c.GetString()));
        Assert.Equal(["SendConfirmation: smtp down"], view.Warnings.Select(w => w.GetString()));
        Assert.Equal([new SagaError("CreateShipment", null, "out_of_stock", "none left")], view.Errors);
        Assert.Equal(Json(Running), JsonSerializer.Serialize(view.Progress, SagaStatus.JsonOptions));
    }

    [Fact]
    public void ToView_FinishedSagaOutput_SharedFieldsWinOverTheStatusAndTheSagaErrorReplacesItsStep()
    {
        var output = new
        {
            status = "failed",
            phase = SagaPhase.Compensated,
            compensations = new[] { new CompensationRecord("ReserveInventory", "ReleaseInventory", CompensationStatus.Compensated, 1, false, "released", null) },
            warnings = new[] { "SendConfirmation: smtp down (output)" },
            error = new SagaFailure(SagaFailureKind.Rejected, "CreateShipment", "out_of_stock", "none left, in full"),
            deadLetters = Array.Empty<string>(),
        };
        var instance = Instance("Completed", Json(Running with { Phase = SagaPhase.Compensated }), JsonSerializer.Serialize(output, SagaStatus.JsonOptions));

        var view = SagaViews.ToView(instance, "order", "http://h", "http://h/s");

        Assert.Equal(("failed", "failed", "compensated", (string?)null), (view.Status, view.Outcome, view.Phase, view.CurrentStep));
        Assert.Empty(view.Retries);
        Assert.Null(view.WaitingFor);
        var compensation = Assert.Single(view.Compensations);
        Assert.Equal(("ReleaseInventory", "compensated"), (compensation.GetProperty("activity").GetString(), compensation.GetProperty("status").GetString()));
        Assert.Equal(["SendConfirmation: smtp down (output)"], view.Warnings.Select(w => w.GetString()));
        Assert.Equal([new SagaError("CreateShipment", "rejected", "out_of_stock", "none left, in full")], view.Errors);
    }

    [Fact]
    public void ToView_VersionFailureStatus_ShowsItsErrorThenTheCrash()
    {
        var status = """{"phase":"failed","errors":[{"step":null,"kind":"version_not_registered","code":"SagaVersionNotRegisteredException","message":"Saga 'order' version '1' is not registered (registered: 2)"}]}""";
        var instance = Instance("Failed", status) with { FailureType = "NonDeterminism", FailureMessage = "'Pack'" };

        var view = SagaViews.ToView(instance, "order", "http://h", "http://h/s");
        var row = SagaViews.ToSummary(instance, "order", "http://h");

        Assert.Equal(("failed", "failed", "failed"), (view.Phase, view.Outcome, row.Phase));
        Assert.Equal(
            [
                new SagaError(null, "version_not_registered", "SagaVersionNotRegisteredException", "Saga 'order' version '1' is not registered (registered: 2)"),
                new SagaError(null, "crashed", "NonDeterminism", "'Pack'"),
            ],
            view.Errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("\"a plain string\"")]
    [InlineData("[1, 2]")]
    [InlineData("""{"id":"dl-1","state":"starting"}""")]
    [InlineData("""{"phase":"bogus","retries":"none"}""")]
    [InlineData("""{"phase":42}""")]
    [InlineData("""{"phase":"running","retries":[{"kind":"step"}],"warnings":[3]}""")]
    public void ToView_AbsentOrForeignOrMalformedStatus_ViewWithoutProgressFacts(string? status)
    {
        var view = SagaViews.ToView(Instance("Running", status, "{\"status\": 5}"), "order", "http://h", "http://h/s");
        var row = SagaViews.ToSummary(Instance("Running", status), null, "http://h");

        Assert.True(
            view is { Status: null, CurrentStep: null, WaitingFor: null, Retries.Count: 0, Compensations.Count: 0, Warnings.Count: 0, Errors.Count: 0 },
            JsonSerializer.Serialize(view, SagaHttpJson.Options));
        Assert.Equal(view.Phase, row.Phase);
        Assert.Contains(view.Outcome, new[] { "running", "bogus" });
    }

    [Fact]
    public void ToView_OldPartialStatus_ReadsWhatItHas()
    {
        var view = SagaViews.ToView(Instance("Running", """{"phase":"Compensating","currentStep":"RefundPayment"}"""), "order", "http://h", "http://h/s");

        Assert.Equal(("compensating", "RefundPayment"), (view.Phase, view.CurrentStep));
        Assert.Empty(view.Retries);
        Assert.Empty(view.Errors);
    }

    [Fact]
    public void ToSummary_TerminatedWhileWaiting_SameFactsAsTheViewButTheLastPublishedPhase()
    {
        var instance = Instance("Terminated", Json(Running));

        var view = SagaViews.ToView(instance, "order", "http://h", "http://h/s");
        var row = SagaViews.ToSummary(instance, "order", "http://h");

        Assert.Equal(("terminated", "terminated", "waiting"), (view.Outcome, view.Phase, row.Phase));
        Assert.Equal((view.Status, view.Outcome, view.CurrentStep, view.WaitingFor), (row.Status, row.Outcome, row.CurrentStep, row.WaitingFor));
        Assert.Equal(view.Retries, row.Retries);
    }

    [Fact]
    public void ToSummary_DeadLetterRetry_StatusFromItsOutput()
    {
        var instance = Instance("Completed", """{"id":"dl-1","state":"retry_failed"}""", """{"id":"dl-1","status":"retry_failed","error":"boom"}""");

        var row = SagaViews.ToSummary(instance, null, "http://h");

        Assert.Equal(("retry_failed", "retry_failed", (string?)null), (row.Status, row.Outcome, row.Phase));
    }

    [Fact]
    public void JsonOptions_KernelStatusWithEveryListPopulated_RoundTripsExactly()
    {
        var status = Running with { Phase = SagaPhase.CompensationFailed, Omitted = 3 };

        var read = JsonSerializer.Deserialize<SagaStatus>(Json(status), SagaStatus.JsonOptions)!;

        Assert.Equal(Json(status), Json(read));
        Assert.Contains("\"phase\":\"compensation_failed\"", Json(status), StringComparison.Ordinal);
    }

    private static string Json(SagaStatus status) => JsonSerializer.Serialize(status, SagaStatus.JsonOptions);

    private static SagaInstance Instance(string runtimeStatus, string? customStatus, string? output = null) =>
        new("i-1", "OrderSaga", runtimeStatus, new DateTimeOffset(At), new DateTimeOffset(At), "{}", output, customStatus, null, null);
}
