using System.Net;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Contract;

public sealed class SagaViewTests : IAsyncLifetime
{
    private ContractHost _host = null!;

    public async Task InitializeAsync() => _host = await ContractHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_RunningSaga_ShowsNullStatusProgressOnceAndRunningOutcome()
    {
        _host.Engine.Seed("o-1", TestSagas.OrderOrchestrator, "Running", input: new { orderId = "ORD-1" }, customStatus: new
        {
            saga = "order",
            phase = "Running",
            currentStep = "ReserveInventory",
            completedSteps = new[] { "ChargePayment" },
            compensatedSteps = Array.Empty<string>(),
            failedSteps = Array.Empty<object>(),
            warnings = Array.Empty<string>(),
            timeline = new[] { new { step = "ChargePayment", @event = "completed" } },
        });

        var view = await JsonAsync(await _host.Client.GetAsync("/api/sagas/order/o-1"), HttpStatusCode.OK);

        Assert.Equal("o-1", view.GetProperty("instanceId").GetString());
        Assert.Equal("order", view.GetProperty("saga").GetString());
        Assert.Equal("Running", view.GetProperty("runtimeStatus").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, view.GetProperty("status").ValueKind);
        Assert.Equal("running", view.GetProperty("outcome").GetString());
        Assert.Equal("ORD-1", view.GetProperty("input").GetProperty("orderId").GetString());
        Assert.Equal("ReserveInventory", view.GetProperty("progress").GetProperty("currentStep").GetString());
        Assert.False(view.TryGetProperty("customStatus", out _), "customStatus duplicated progress");
        Assert.Equal("ReserveInventory", view.GetProperty("currentStep").GetString());
        Assert.Equal(1, view.GetProperty("progress").GetProperty("timeline").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, view.GetProperty("output").ValueKind);
        Assert.EndsWith("/runtime/webhooks/durabletask/instances/o-1", view.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        Assert.True(view.TryGetProperty("createdAt", out _));
        Assert.True(view.TryGetProperty("lastUpdatedAt", out _));
    }

    [Fact]
    public async Task Get_CompensatedSaga_ShowsStatusCompensationsWarningsAndErrors()
    {
        _host.Engine.Seed("o-2", TestSagas.OrderOrchestrator, "Completed",
            output: new { status = "failed", compensations = new[] { "RefundPayment" }, warnings = new[] { "SendEmail: smtp down" } },
            customStatus: new
            {
                phase = "Compensated",
                compensatedSteps = new[] { "ChargePayment" },
                failedSteps = new[] { new { step = "ReserveInventory", errorType = "out_of_stock", message = "ITEM-003 has 0" } },
                warnings = new[] { "SendEmail: smtp down" },
            });

        var view = await JsonAsync(await _host.Client.GetAsync("/api/sagas/order/o-2"), HttpStatusCode.OK);

        Assert.Equal("failed", view.GetProperty("status").GetString());
        Assert.Equal("failed", view.GetProperty("outcome").GetString());
        Assert.Equal("compensated", view.GetProperty("phase").GetString());
        Assert.Equal("RefundPayment", view.GetProperty("compensations")[0].GetString());
        Assert.Equal("SendEmail: smtp down", view.GetProperty("warnings")[0].GetString());
        var error = Assert.Single(view.GetProperty("errors").EnumerateArray());
        Assert.Equal("ReserveInventory", error.GetProperty("step").GetString());
        Assert.Equal("out_of_stock", error.GetProperty("code").GetString());
        Assert.Equal("ITEM-003 has 0", error.GetProperty("message").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, view.GetProperty("failure").ValueKind);
    }

    [Fact]
    public async Task Get_OutputErrorObject_IsListedInErrors()
    {
        _host.Engine.Seed("o-9", TestSagas.OrderOrchestrator, "Completed",
            output: new { status = "failed", error = new { kind = "Rejected", step = "ChargePayment", code = "limit_exceeded", message = "over 500" } });

        var view = await JsonAsync(await _host.Client.GetAsync("/api/sagas/order/o-9"), HttpStatusCode.OK);

        Assert.Equal("limit_exceeded", Assert.Single(view.GetProperty("errors").EnumerateArray()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Get_FailedStepAndSagaErrorForTheSameStep_OneEntryInOneShape()
    {
        _host.Engine.Seed("o-10", TestSagas.OrderOrchestrator, "Completed",
            output: new { status = "failed", error = new { kind = "Rejected", step = "ReserveInventory", code = "out_of_stock", message = "ITEM-003 has 0" } },
            customStatus: new
            {
                phase = "Compensated",
                failedSteps = new[]
                {
                    new { step = "SendEmail", errorType = "System.TimeoutException", message = "smtp" },
                    new { step = "ReserveInventory", errorType = "out_of_stock", message = "ITEM-003 has 0" },
                },
            });

        var view = await JsonAsync(await _host.Client.GetAsync("/api/sagas/order/o-10"), HttpStatusCode.OK);

        var errors = view.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["SendEmail", "ReserveInventory"], errors.Select(e => e.GetProperty("step").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, errors[0].GetProperty("kind").ValueKind);
        Assert.Equal("System.TimeoutException", errors[0].GetProperty("code").GetString());
        Assert.Equal("rejected", errors[1].GetProperty("kind").GetString());
        Assert.All(errors, e => Assert.Equal(["step", "kind", "code", "message"], e.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task Get_CompletedWithoutProgress_OutcomeIsTheOutputStatus()
    {
        _host.Engine.Seed("o-3", TestSagas.OrderOrchestrator, "Completed", output: new { status = "insufficient_funds" });

        var view = await JsonAsync(await _host.Client.GetAsync("/api/sagas/order/o-3"), HttpStatusCode.OK);

        Assert.Equal("insufficient_funds", view.GetProperty("status").GetString());
        Assert.Equal("insufficient_funds", view.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Get_CompensationFailedPhase_OutcomeIsTheStatusAndPhaseIsSnakeCase()
    {
        _host.Engine.Seed("o-4", TestSagas.OrderOrchestrator, "Completed", output: new { status = "failed" }, customStatus: new { phase = "CompensationFailed" });

        var view = await JsonAsync(await _host.Client.GetAsync("/api/sagas/order/o-4"), HttpStatusCode.OK);

        Assert.Equal("failed", view.GetProperty("outcome").GetString());
        Assert.Equal("compensation_failed", view.GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Get_FailedOrchestration_ShowsFailureDetailsAsError()
    {
        _host.Engine.Seed("o-5", TestSagas.OrderOrchestrator, "Failed", failureType: "System.InvalidOperationException", failureMessage: "boom");

        var view = await JsonAsync(await _host.Client.GetAsync("/api/sagas/order/o-5"), HttpStatusCode.OK);

        Assert.Equal("failed", view.GetProperty("outcome").GetString());
        Assert.Equal("System.InvalidOperationException", view.GetProperty("failure").GetProperty("errorType").GetString());
        var error = Assert.Single(view.GetProperty("errors").EnumerateArray());
        Assert.Equal("crashed", error.GetProperty("kind").GetString());
        Assert.Equal("System.InvalidOperationException", error.GetProperty("code").GetString());
        Assert.Equal("boom", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Get_TerminatedSaga_OutcomeTerminated()
    {
        _host.Engine.Seed("o-6", TestSagas.OrderOrchestrator, "Terminated", customStatus: new { phase = "Running" });

        var view = await JsonAsync(await _host.Client.GetAsync("/api/sagas/order/o-6"), HttpStatusCode.OK);

        Assert.Equal("terminated", view.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Get_UnknownInstance_Returns404Problem()
    {
        await ProblemAsync(await _host.Client.GetAsync("/api/sagas/order/nope"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_InstanceOfAnotherSaga_Returns404()
    {
        _host.Engine.Seed("t-1", TestSagas.TicketingOrchestrator);

        var problem = await ProblemAsync(await _host.Client.GetAsync("/api/sagas/order/t-1"), HttpStatusCode.NotFound);
        Assert.Contains("order", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await JsonAsync(await _host.Client.GetAsync("/api/sagas/ticketing/t-1"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Get_UnknownSaga_Returns404()
    {
        _host.Engine.Seed("o-7", TestSagas.OrderOrchestrator);

        await ProblemAsync(await _host.Client.GetAsync("/api/sagas/teleport/o-7"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_DeadLetterIdLikeInstanceId_IsFoundWhenEncoded()
    {
        _host.Engine.Seed("o-8:ChargePayment:retry-1", TestSagas.OrderOrchestrator);

        var view = await JsonAsync(await _host.Client.GetAsync("/api/sagas/order/o-8%3AChargePayment%3Aretry-1"), HttpStatusCode.OK);

        Assert.Equal("o-8:ChargePayment:retry-1", view.GetProperty("instanceId").GetString());
    }
}
