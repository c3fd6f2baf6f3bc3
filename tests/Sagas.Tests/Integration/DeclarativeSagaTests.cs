using System.Text.Json;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Declarative;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Integration;

/// <summary>
/// The generic orchestrator on the embedded runtime with a definition that uses what order-fulfillment does not: a
/// parallel group, a wait with a timeout that compensates (or continues), a per-step retry policy, the pivot and
/// forward recovery after it, custom outcome strings, <c>${result}</c> in a compensation and the cancel event.
/// </summary>
public class DeclarativeSagaTests
{
    private const string Definition = """
    {
      "name": "reserve-and-ship",
      "description": "Reserve and charge in parallel, wait for an approval, ship (the pivot), notify.",
      "input": { "orderId": { "type": "id" }, "sku": { "type": "id" }, "amount": { "type": "amount" } },
      "steps": [
        { "name": "holdAndCharge", "parallel": [
          { "name": "reserve",
            "call": { "service": "inventory", "method": "reserve", "body": { "orderId": "${input.orderId}", "items": [ { "sku": "${input.sku}", "quantity": 1 } ] } },
            "compensation": { "service": "inventory", "method": "release", "body": { "reservationKey": "${key}" } } },
          { "name": "charge", "retry": { "maxAttempts": 1 },
            "call": { "service": "payments", "method": "charge", "body": { "orderId": "${input.orderId}", "customerId": "c-1", "amount": "${input.amount}" } },
            "compensation": { "service": "payments", "method": "refund", "body": { "chargeKey": "${key}", "reason": "undo ${result.paymentId}" } } }
        ] },
        { "name": "approval", "wait": { "event": "approval", "timeoutSeconds": 900, "onTimeout": "compensate", "outcome": "expired" } },
        { "name": "ship", "pivot": true,
          "call": { "service": "shipping", "method": "create", "body": { "orderId": "${input.orderId}", "customerId": "${steps.approval.approver}", "items": [ { "sku": "${input.sku}", "quantity": 1 } ] } } },
        { "name": "notify", "call": { "service": "notifications", "method": "send", "body": { "to": "c-1", "subject": "Shipped: ${steps.ship.trackingNumber}", "body": "Approved by ${steps.approval.approver}." } } }
      ],
      "outcomes": { "success": "shipped", "manualIntervention": "stuck" },
      "output": { "reservationId": "${steps.reserve.reservationId}", "paymentId": "${steps.charge.paymentId}", "trackingNumber": "${steps.ship.trackingNumber}", "approver": "${steps.approval.approver}" }
    }
    """;

    private static object Input(string definition = Definition, string sku = "ITEM-001")
    {
        var (parsed, errors) = DefinitionReader.Read("reserve-and-ship.json", definition);
        Assert.Empty(errors);
        var body = JsonSerializer.SerializeToElement(new { orderId = "RS-1", sku, amount = 25.00m });
        var (input, inputErrors) = DeclarativeSagas.ToRegistration(parsed!).BindInput!(body);
        Assert.Empty(inputErrors);
        return input!;
    }

    private static string Field(DeclarativeResult result, string name) =>
        result.Fields![name].ValueKind == JsonValueKind.Null ? "null" : result.Fields[name].ToString();

    [Fact]
    public async Task Run_Approved_ShipsAndNotifiesWithTheEventsData()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(DeclarativeSaga), Input(), "rs-1");
        await h.RaiseAsync("rs-1", "approval", new { approver = "alice" });

        var result = await h.OutputAsync<DeclarativeResult>("rs-1");

        Assert.Equal("shipped", result.Status);
        Assert.Equal(SagaPhase.Completed, result.Phase);
        Assert.Equal("alice", Field(result, "approver"));
        Assert.NotEqual("null", Field(result, "trackingNumber"));
        Assert.Equal(1, (await h.Inventory.GetStockAsync("ITEM-001"))!.Reserved);
        Assert.Equal(4, h.CallsOf(DeclarativeSaga.CallActivity));
    }

    [Fact]
    public async Task Run_ApprovalTimesOut_CompensatesBothBranchesWithTheTimeoutOutcome()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<DeclarativeResult>(nameof(DeclarativeSaga), Input(), "rs-2");

        Assert.Equal("expired", result.Status);
        Assert.Equal(SagaPhase.Compensated, result.Phase);
        Assert.Equal(["charge", "reserve"], result.Compensations.Select(c => c.Step).Order(StringComparer.Ordinal));
        Assert.Equal("null", Field(result, "approver"));
        Assert.Equal(0, (await h.Inventory.GetStockAsync("ITEM-001"))!.Reserved);
        Assert.Equal("refunded", (await h.Payments.GetPaymentAsync(Field(result, "paymentId")))!.Status);
    }

    [Fact]
    public async Task Run_TimeoutContinues_ShipsWithoutTheEventsData()
    {
        await using var h = await SagaHarness.StartAsync();
        var definition = Definition.Replace("\"onTimeout\": \"compensate\", \"outcome\": \"expired\"", "\"onTimeout\": \"continue\"", StringComparison.Ordinal)
            .Replace("\"customerId\": \"${steps.approval.approver}\"", "\"customerId\": \"c-1\"", StringComparison.Ordinal);

        var result = await h.RunAsync<DeclarativeResult>(nameof(DeclarativeSaga), Input(definition), "rs-3");

        Assert.Equal("shipped", result.Status);
        Assert.Equal("null", Field(result, "approver"));
    }

    [Fact]
    public async Task Run_ParallelBranchRejected_CompensatesTheBranchThatSucceeded()
    {
        await using var h = await SagaHarness.StartAsync();

        var result = await h.RunAsync<DeclarativeResult>(nameof(DeclarativeSaga), Input(sku: "ITEM-003"), "rs-4");

        Assert.Equal("failed", result.Status);
        Assert.Equal(SagaFailureKind.Rejected, result.Error!.Kind);
        Assert.Equal("reserve", result.Error.Step);
        var refund = Assert.Single(result.Compensations);
        Assert.Equal("charge", refund.Step);
        Assert.Equal(DeclarativeSaga.CompensateActivity, refund.Activity);
        Assert.Equal("payments refund: refunded", refund.Detail);
    }

    [Fact]
    public async Task Run_StepRetryOfOneAttempt_OneTransientFailureLeavesTheChargeInDoubt()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.Faults.AddAsync(new FaultRequest("payments", "charge", "transient", Count: 1));

        var result = await h.RunAsync<DeclarativeResult>(nameof(DeclarativeSaga), Input(), "rs-5");

        Assert.Equal("failed", result.Status);
        Assert.Equal(SagaFailureKind.Failed, result.Error!.Kind);
        var charge = Assert.Single(result.Compensations, c => c.Step == "charge");
        Assert.True(charge.StepWasInDoubt);
        Assert.StartsWith("nothing to undo", charge.Detail, StringComparison.Ordinal);
        Assert.Equal(1, h.KeyedCalls.Count(c => c.Key == "rs-5:charge"));
    }

    [Fact]
    public async Task Run_FailureAfterThePivot_RetriesForwardThenNeedsAnOperator()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.Faults.AddAsync(new FaultRequest("notifications", "send", "permanent"));
        await h.StartAsync(nameof(DeclarativeSaga), Input(), "rs-6");
        await h.RaiseAsync("rs-6", "approval", new { approver = "bob" });

        var result = await h.OutputAsync<DeclarativeResult>("rs-6");

        Assert.Equal("stuck", result.Status);
        Assert.Equal(SagaPhase.ManualInterventionRequired, result.Phase);
        Assert.Empty(result.Compensations);
        Assert.Equal(SagaOptions.Default.ForwardRecoveryRetry.MaxAttempts, h.KeyedCalls.Count(c => c.Key == "rs-6:notify"));
    }

    [Fact]
    public async Task Run_CancelledWhileWaiting_CompensatesAndEndsCancelled()
    {
        await using var h = await SagaHarness.StartAsync();
        await h.StartAsync(nameof(DeclarativeSaga), Input(), "rs-7");
        await h.RaiseAsync("rs-7", Saga.CancelEventName, new CancelRequest("changed my mind"));

        var result = await h.OutputAsync<DeclarativeResult>("rs-7");

        Assert.Equal("cancelled", result.Status);
        Assert.Equal(SagaPhase.Cancelled, result.Phase);
        Assert.Equal(2, result.Compensations.Count);
    }
}
