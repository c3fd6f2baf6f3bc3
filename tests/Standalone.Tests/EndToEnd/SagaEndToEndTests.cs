using System.Net;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary>Each reference saga over HTTP on the real app: start, follow, events, outcomes (docs/architecture.md, "Saga contract" and "HTTP contract").</summary>
public sealed class SagaEndToEndTests : EndToEndTestBase
{
    [Fact]
    public async Task Order_InStock_CompletesWithEveryId()
    {
        var id = await StartAsync("order", """{"orderId":"ORD-1","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":2}],"amount":120.00}""");

        var view = await FinishAsync("order", id);

        Assert.Equal("completed", view.GetProperty("status").GetString());
        Assert.Equal("completed", view.GetProperty("outcome").GetString());
        var output = view.GetProperty("output");
        foreach (var field in new[] { "paymentId", "reservationId", "shipmentId" })
        {
            Assert.False(string.IsNullOrEmpty(output.GetProperty(field).GetString()), field);
        }

        Assert.Contains("ChargePayment", view.GetProperty("progress").GetProperty("completedSteps").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(98, (await GetJsonAsync("/participants/inventory/ITEM-001")).GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task Order_OutOfStock_FailsAndRefundsThePayment()
    {
        var id = await StartAsync("order", """{"orderId":"ORD-2","customerId":"C-1","items":[{"sku":"ITEM-003","quantity":1}],"amount":20.00}""");

        var view = await FinishAsync("order", id);

        Assert.Equal("failed", view.GetProperty("status").GetString());
        Assert.Equal("failed", view.GetProperty("outcome").GetString());
        Assert.Equal("compensated", view.GetProperty("phase").GetString());
        Assert.NotEmpty(view.GetProperty("compensations").EnumerateArray());
        Assert.NotEmpty(view.GetProperty("errors").EnumerateArray());
        Assert.Contains("ChargePayment", view.GetProperty("progress").GetProperty("compensatedSteps").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Order_OverThePaymentLimit_FailsBeforeReservingStock()
    {
        var id = await StartAsync("order", """{"orderId":"ORD-3","customerId":"C-1","items":[{"sku":"ITEM-002","quantity":1}],"amount":900.00}""");

        var view = await FinishAsync("order", id);

        Assert.Equal("failed", view.GetProperty("status").GetString());
        Assert.Equal(10, (await GetJsonAsync("/participants/inventory/ITEM-002")).GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task MoneyTransfer_Completes_AndMoneyIsConserved()
    {
        var id = await StartAsync("money-transfer", """{"transferId":"TX-1","fromAccount":"ACC-001","toAccount":"ACC-002","amount":100.00}""");

        var view = await FinishAsync("money-transfer", id);

        Assert.Equal("completed", view.GetProperty("status").GetString());
        Assert.Equal(900.00m, await BalanceAsync("ACC-001"));
        Assert.Equal(600.00m, await BalanceAsync("ACC-002"));
    }

    [Fact]
    public async Task MoneyTransfer_InsufficientFunds_ChangesNoBalance()
    {
        var id = await StartAsync("money-transfer", """{"transferId":"TX-2","fromAccount":"ACC-002","toAccount":"ACC-003","amount":5000.00}""");

        var view = await FinishAsync("money-transfer", id);

        Assert.Equal("insufficient_funds", view.GetProperty("status").GetString());
        Assert.Equal(500.00m, await BalanceAsync("ACC-002"));
        Assert.Equal(750.00m, await BalanceAsync("ACC-003"));
    }

    [Fact]
    public async Task Ticketing_PaymentEvent_Confirms()
    {
        var id = await StartAsync("ticketing", """{"bookingId":"BK-1","eventId":"EVT-001","seatIds":["A1","A2"],"customerId":"C-1","totalAmount":80.00}""");
        var waiting = await SettleAsync("ticketing", id);
        Assert.Equal("Running", waiting.GetProperty("runtimeStatus").GetString());
        Assert.Equal("waiting", waiting.GetProperty("outcome").GetString());
        Assert.Equal("payment", waiting.GetProperty("progress").GetProperty("waitingFor").GetString());

        await RaiseAsync("ticketing", id, "payment", """{"succeeded":true,"paymentId":"PAY-1"}""");
        var view = await FinishAsync("ticketing", id);

        Assert.Equal("confirmed", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ticketing_PaymentDeclined_ReleasesTheSeats()
    {
        var id = await StartAsync("ticketing", """{"bookingId":"BK-2","eventId":"EVT-001","seatIds":["A3"],"customerId":"C-1","totalAmount":40.00}""");
        await SettleAsync("ticketing", id);

        await RaiseAsync("ticketing", id, "payment", """{"succeeded":false,"reason":"card declined"}""");
        var view = await FinishAsync("ticketing", id);

        Assert.Equal("payment_failed", view.GetProperty("status").GetString());
        Assert.Contains("HoldSeats", view.GetProperty("progress").GetProperty("compensatedSteps").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Ticketing_NoPaymentWithinTheHoldWindow_Expires()
    {
        var id = await StartAsync("ticketing", """{"bookingId":"BK-3","eventId":"EVT-001","seatIds":["A4"],"customerId":"C-1","totalAmount":40.00}""");

        var view = await FinishAsync("ticketing", id);

        Assert.Equal("expired", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ticketing_SoldOutEvent_EndsSoldOut()
    {
        var id = await StartAsync("ticketing", """{"bookingId":"BK-4","eventId":"EVT-002","seatIds":["A1"],"customerId":"C-1","totalAmount":40.00}""");

        var view = await FinishAsync("ticketing", id);

        Assert.Equal("sold_out", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ticketing_CancelWhileWaiting_CompensatesAndEndsCancelled()
    {
        var id = await StartAsync("ticketing", """{"bookingId":"BK-5","eventId":"EVT-001","seatIds":["A5"],"customerId":"C-1","totalAmount":40.00}""");
        await SettleAsync("ticketing", id);

        var cancel = await Client.PostAsync($"/api/sagas/ticketing/{id}/cancel", Json("""{"reason":"changed plans"}"""));
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var view = await FinishAsync("ticketing", id);

        Assert.Equal("cancelled", view.GetProperty("status").GetString());
        Assert.Equal("cancelled", view.GetProperty("outcome").GetString());
        Assert.Contains("HoldSeats", view.GetProperty("progress").GetProperty("compensatedSteps").EnumerateArray().Select(s => s.GetString()));
        var seat = (await GetJsonAsync("/participants/seats/EVT-001")).ToString();
        Assert.Contains("A5", seat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticketing_TerminateWhileWaiting_StopsWithoutCompensating()
    {
        var id = await StartAsync("ticketing", """{"bookingId":"BK-6","eventId":"EVT-001","seatIds":["A6"],"customerId":"C-1","totalAmount":40.00}""");
        await SettleAsync("ticketing", id);

        var terminate = await Client.PostAsync($"/api/sagas/ticketing/{id}/terminate?reason=ops", null);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        var view = await FinishAsync("ticketing", id, "Terminated");

        Assert.Equal("Terminated", view.GetProperty("runtimeStatus").GetString());
        Assert.Equal("terminated", view.GetProperty("outcome").GetString());
        Assert.Empty(view.GetProperty("progress").GetProperty("compensatedSteps").EnumerateArray());
        await ProblemAsync(await Client.PostAsync($"/api/sagas/ticketing/{id}/events/payment", Json("""{"succeeded":true}""")), HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Deployment_Deploys()
    {
        var id = await StartAsync("deployment", """{"deploymentId":"DEP-1","version":"1.2.3","imageTag":"app:1.2.3"}""");

        var view = await FinishAsync("deployment", id);

        Assert.Equal("deployed", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task InsuranceClaim_Approved_IsPaid()
    {
        var id = await StartAsync("insurance-claim", """{"claimId":"CLM-1","policyId":"POL-1","customerId":"C-1","amount":250.00,"description":"broken arm"}""");
        Assert.Equal("approval", (await SettleAsync("insurance-claim", id)).GetProperty("progress").GetProperty("waitingFor").GetString());

        await RaiseAsync("insurance-claim", id, "approval", """{"approved":true,"approver":"adjuster-1"}""");
        var view = await FinishAsync("insurance-claim", id);

        Assert.Equal("paid", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task InsuranceClaim_Rejected_EndsRejected()
    {
        var id = await StartAsync("insurance-claim", """{"claimId":"CLM-2","policyId":"POL-1","customerId":"C-1","amount":250.00,"description":"dent"}""");
        await SettleAsync("insurance-claim", id);

        await RaiseAsync("insurance-claim", id, "approval", """{"approved":false,"approver":"adjuster-1","reason":"not covered"}""");
        var view = await FinishAsync("insurance-claim", id);

        Assert.Equal("rejected", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task InsuranceClaim_NoDecisionFor30Days_TimesOut()
    {
        var id = await StartAsync("insurance-claim", """{"claimId":"CLM-3","policyId":"POL-1","customerId":"C-1","amount":250.00,"description":"lost bag"}""");
        await SettleAsync("insurance-claim", id);

        await Factory.Clock.AdvanceAsync(TimeSpan.FromDays(31));
        var view = await FinishAsync("insurance-claim", id);

        Assert.Equal("timeout", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Migration_Completes()
    {
        var id = await StartAsync("migration", """{"migrationId":"MIG-1","serviceId":"svc-1","totalRecords":1000,"batchCount":4}""");

        var view = await FinishAsync("migration", id);

        Assert.Equal("completed", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Migration_CancelDuringThePauseAfterTheFirstBatch_StopsThereAndDisablesDualWrite()
    {
        var id = await StartAsync("migration", """{"migrationId":"MIG-2","serviceId":"svc-1","totalRecords":1000,"batchCount":5,"pauseSeconds":3}""");
        await SettleAsync("migration", id);

        var cancel = await Client.PostAsync($"/api/sagas/migration/{id}/cancel", Json("""{"reason":"stop the migration"}"""));
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var view = await FinishAsync("migration", id);

        Assert.Equal("cancelled", view.GetProperty("status").GetString());
        Assert.Equal("cancelled", view.GetProperty("outcome").GetString());
        Assert.Equal(1, view.GetProperty("output").GetProperty("batchesCompleted").GetInt32());
        var migration = await GetJsonAsync("/participants/migration/MIG-2");
        Assert.Equal(1, migration.GetProperty("batchesCompleted").GetInt32());
        Assert.Equal(1, migration.GetProperty("batchExecutions").GetInt64());
        Assert.False(migration.GetProperty("dualWrite").GetBoolean());
    }

    [Fact]
    public async Task Batch_GenericItems_CompletesWithEveryResult()
    {
        var id = await StartAsync("batch", """{"batchId":"456","items":["a","b","c"]}""");

        var view = await FinishAsync("batch", id);

        Assert.Equal("completed", view.GetProperty("status").GetString());
        var output = view.GetProperty("output");
        Assert.Equal(["processed:a", "processed:b", "processed:c"], output.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("result").GetString()));
        Assert.Equal(3, output.GetProperty("merged").GetProperty("itemCount").GetInt32());
        var batch = await GetJsonAsync("/participants/processing/456");
        Assert.Equal(["processed", "processed", "processed"], batch.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Batch_SkuItems_Completes()
    {
        var id = await StartAsync("batch", """{"batchId":"B-1","items":["ITEM-001","ITEM-002"]}""");

        var view = await FinishAsync("batch", id);

        Assert.Equal("completed", view.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Batch_OneItemFaulted_FailsAndUndoesTheOthers()
    {
        await JsonAsync(await Client.PostAsync("/participants/faults",
            Json("""{"service":"processing","operation":"process","mode":"permanent","key":"batch-fault:ProcessItem[1]"}""")), HttpStatusCode.Created);
        var id = await StartAsync("batch", """{"batchId":"457","items":["a","b","c"]}""", "batch-fault");

        var view = await FinishAsync("batch", id);

        Assert.Equal("failed", view.GetProperty("status").GetString());
        Assert.Equal("failed", view.GetProperty("outcome").GetString());
        Assert.Equal("compensated", view.GetProperty("phase").GetString());
        var batch = await GetJsonAsync("/participants/processing/457");
        Assert.Equal(["a:undone", "c:undone"], batch.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("item").GetString()}:{i.GetProperty("state").GetString()}"));
    }

    [Fact]
    public async Task DurableWebhooks_FollowTheStatusUrlAndRaiseThroughSendEventPostUri()
    {
        var start = await JsonAsync(await Client.PostAsync("/api/sagas/insurance-claim",
            Json("""{"claimId":"CLM-4","policyId":"POL-1","customerId":"C-1","amount":100.00,"description":"x"}""")), HttpStatusCode.Accepted);
        var id = start.GetProperty("Id").GetString()!;
        await Factory.SettleAsync();

        var running = await Client.GetAsync(start.GetProperty("StatusQueryGetUri").GetString());
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.NotNull(running.Headers.RetryAfter);
        var sendEvent = start.GetProperty("SendEventPostUri").GetString()!.Replace("{eventName}", "approval", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync(sendEvent, Json("""{"approved":true}"""))).StatusCode);
        await Factory.RunUntilFinishedAsync(id);

        var done = await JsonAsync(await Client.GetAsync(start.GetProperty("StatusQueryGetUri").GetString()), HttpStatusCode.OK);
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.Equal("InsuranceClaimSaga", done.GetProperty("name").GetString());
        Assert.Equal("paid", done.GetProperty("output").GetProperty("status").GetString());
        Assert.Equal("CLM-4", done.GetProperty("input").GetProperty("claimId").GetString());

        var purge = await JsonAsync(await Client.DeleteAsync(start.GetProperty("PurgeHistoryDeleteUri").GetString()), HttpStatusCode.OK);
        Assert.Equal(1, purge.GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/sagas/insurance-claim/{id}")).StatusCode);
    }

    [Fact]
    public async Task Start_DuplicateInstanceId_RunsTheSagaOnce()
    {
        const string body = """{"transferId":"TX-3","fromAccount":"ACC-003","toAccount":"ACC-001","amount":50.00}""";
        await StartAsync("money-transfer", body, "transfer-once");

        await ProblemAsync(await Client.PostAsync("/api/sagas/money-transfer/transfer-once", Json(body)), HttpStatusCode.Conflict);
        await Factory.RunUntilFinishedAsync("transfer-once");

        Assert.Equal(700.00m, await BalanceAsync("ACC-003"));
        Assert.Equal(1050.00m, await BalanceAsync("ACC-001"));
    }

    [Fact]
    public async Task Start_ConcurrentStartsOfOneInstanceId_OneWinsTheRestGet409AndMoneyMovesOnce()
    {
        const string body = """{"transferId":"TX-5","fromAccount":"ACC-001","toAccount":"ACC-003","amount":10.00}""";

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client.PostAsync("/api/sagas/money-transfer/tx-race", Json(body))));
        await Factory.RunUntilFinishedAsync("tx-race");

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(990.00m, await BalanceAsync("ACC-001"));
        Assert.Equal(760.00m, await BalanceAsync("ACC-003"));
    }

    [Fact]
    public async Task List_ShowsStartedSagasWithTheirStatus()
    {
        var id = await StartAsync("deployment", """{"deploymentId":"DEP-2","version":"2.0.0","imageTag":"app:2"}""");
        await Factory.RunUntilFinishedAsync(id);

        var page = await GetJsonAsync("/api/sagas?saga=deployment&runtimeStatus=Completed");
        var byStatus = await GetJsonAsync("/api/sagas?saga=deployment&status=deployed");

        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("instanceId").GetString());
        Assert.Equal("deployed", item.GetProperty("status").GetString());
        Assert.Equal(id, Assert.Single(byStatus.GetProperty("items").EnumerateArray()).GetProperty("instanceId").GetString());
    }

    [Fact]
    public async Task InvalidStart_ReturnsProblemNamingTheFieldAndStartsNothing()
    {
        var response = await Client.PostAsync("/api/sagas/money-transfer", Json("""{"transferId":"TX-4","fromAccount":"ACC-001","toAccount":"","amount":-5}"""));

        await ValidationAsync(response, "toAccount", "amount");
        Assert.Empty((await GetJsonAsync("/api/sagas")).GetProperty("items").EnumerateArray());
    }
}
