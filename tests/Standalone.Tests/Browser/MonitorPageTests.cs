using static Microsoft.Playwright.Assertions;

namespace SagaFunctions.Standalone.Tests.Browser;

/// <summary>
/// The monitor page in a real browser (headless system Chromium through Playwright) against a real Standalone on
/// Kestrel: an order seen progressing to completed, a dead-lettered refund retried from the page, a step retried at once
/// with "Retry now" (and audited), the list's filters, a bad event payload's problem details, and the definition diagram. Each test saves screenshots of its pages.
/// </summary>
public sealed class MonitorPageTests(MonitorBrowserFixture browser) : IClassFixture<MonitorBrowserFixture>
{
    private static object Order(string id, string sku = "ITEM-001") =>
        new { orderId = id, customerId = "C-1", items = new[] { new { sku, quantity = 1 } }, amount = 25.00m };

    [Fact]
    public async Task SagaPage_Order_ProgressesToCompletedWithTheDiagramColoured()
    {
        const string id = "br-order-1";
        // A slow shipment (for this order only) so the page is seen while the saga is still running.
        await browser.FaultAsync(new { service = "shipping", operation = "create", mode = "latency", latencyMs = 3000, key = $"{id}:CreateShipment" });
        await browser.StartAsync("order", id, Order(id));
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{browser.BaseUrl}/monitor/sagas/order/{id}");

        var shipment = page.Locator("[data-step='CreateShipment'] .box.step");
        await Expect(shipment).ToHaveAttributeAsync("data-state", "current");
        await Expect(page.Locator("[data-step='ChargePayment'] .box.step")).ToHaveAttributeAsync("data-state", "done");
        await MonitorBrowserFixture.ScreenshotAsync(page, "order-running");
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Completed");
        await Expect(shipment).ToHaveAttributeAsync("data-state", "done");
        await Expect(page.Locator("#summary .badge").First).ToHaveTextAsync("completed");
        await Expect(page.Locator("[data-step='SendConfirmation'] .box.step")).ToHaveAttributeAsync("data-state", "done");
        await Expect(page.Locator("[data-compensation='RefundPayment']")).ToHaveAttributeAsync("data-state", "pending");
        await Expect(page.Locator("#diagram .node")).ToHaveCountAsync(4);
        await Expect(page.Locator("#timeline li").First).ToBeVisibleAsync();
        await MonitorBrowserFixture.ScreenshotAsync(page, "order-completed");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SagaPage_RefundDeadLettered_RetryFromThePageResolvesIt()
    {
        const string id = "br-order-dl";
        await browser.FaultAsync(new { service = "inventory", operation = "reserve", mode = "permanent", key = $"{id}:ReserveInventory" });
        await browser.FaultAsync(new { service = "payments", operation = "refund", mode = "permanent" });
        await browser.StartAsync("order", id, Order(id));
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync($"{browser.BaseUrl}/monitor/sagas/order/{id}");

            var row = page.Locator("#dead-letters tr[data-dead-letter]");
            await Expect(row.Locator(".dl-status")).ToHaveTextAsync("open");
            await Expect(page.Locator("[data-compensation='RefundPayment']")).ToHaveAttributeAsync("data-state", "failed");
            await Expect(page.Locator("[data-step='ReserveInventory'] .box.step")).ToHaveAttributeAsync("data-state", "failed");
            await Expect(page.Locator("#summary")).ToContainTextAsync("needs attention");
            await MonitorBrowserFixture.ScreenshotAsync(page, "monitor-saga");

            await browser.ClearFaultsAsync();
            await row.Locator("button.retry").ClickAsync();

            await Expect(row.Locator(".dl-status")).ToHaveTextAsync("resolved");
            await Expect(page.Locator("[data-compensation='RefundPayment']")).ToHaveAttributeAsync("data-state", "compensated");
            await Expect(page.Locator("#problem")).ToBeHiddenAsync();
            await MonitorBrowserFixture.ScreenshotAsync(page, "dead-letter-resolved");
        }
        finally
        {
            await browser.ClearFaultsAsync();
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task SagaPage_StepWaitingOutAnHourlyBackoff_RetryNowRunsItAtOnceAndIsAudited()
    {
        const string id = "br-retry-now";
        // The first charge fails (a 5xx, retried); the next attempt is an hour away unless the operator retries now.
        await browser.FaultAsync(new { service = "payments", operation = "charge", mode = "transient", count = 1, key = $"{id}:chargePayment" });
        await browser.StartAsync("hourly-retry", id, new { orderId = id, customerId = "C-1", amount = 25.00m });
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync($"{browser.BaseUrl}/monitor/sagas/hourly-retry/{id}");

            var retry = page.Locator("#retry-step");
            await Expect(retry).ToHaveTextAsync("Retry now");
            await Expect(page.Locator("#retries li")).ToContainTextAsync("chargePayment (step) attempt 1/3");
            await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Running");
            await MonitorBrowserFixture.ScreenshotAsync(page, "retry-now-waiting");

            await page.Locator("#reason").FillAsync("gateway is back");
            await retry.ClickAsync();

            await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Completed");
            await Expect(page.Locator("#summary .badge").First).ToHaveTextAsync("completed");
            await Expect(page.Locator("[data-step='chargePayment'] .box.step")).ToHaveAttributeAsync("data-state", "done");
            await Expect(page.Locator("#timeline")).ToContainTextAsync("attempt 2 started on request");
            var entry = page.Locator("#audit tr[data-action='retry_step']");
            await Expect(entry).ToHaveCountAsync(1);
            await Expect(entry).ToContainTextAsync("gateway is back");
            await MonitorBrowserFixture.ScreenshotAsync(page, "retry-now-done");
        }
        finally
        {
            await browser.ClearFaultsAsync();
            await page.Context.CloseAsync();
        }

        var view = await browser.FinishedViewAsync("hourly-retry", id);
        Assert.Equal("completed", view.GetProperty("output").GetProperty("status").GetString());
    }

    [Fact]
    public async Task List_SagaAndStatusFilters_ShowOnlyTheMatchingRows()
    {
        await browser.StartAsync("money-transfer", "br-tr-ok", new { transferId = "br-tr-ok", fromAccount = "ACC-003", toAccount = "ACC-002", amount = 5.00m });
        await browser.StartAsync("money-transfer", "br-tr-poor", new { transferId = "br-tr-poor", fromAccount = "ACC-003", toAccount = "ACC-002", amount = 9000.00m });
        await browser.FinishedViewAsync("money-transfer", "br-tr-ok");
        await browser.FinishedViewAsync("money-transfer", "br-tr-poor");
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{browser.BaseUrl}/monitor");
        await Expect(page.Locator("#saga-rows tr[data-instance='br-tr-ok']")).ToBeVisibleAsync();
        await page.Locator("#f-saga").SelectOptionAsync("money-transfer");
        await page.Locator("#f-status").FillAsync("insufficient_funds");
        await page.Locator("#apply").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("saga=money-transfer&status=insufficient_funds"));
        var rows = page.Locator("#saga-rows tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-instance", "br-tr-poor");
        await Expect(rows.First.Locator(".badge")).ToHaveTextAsync("insufficient_funds");
        await MonitorBrowserFixture.ScreenshotAsync(page, "monitor-list-filtered");

        await page.Locator("#f-status").FillAsync(string.Empty);
        await page.Locator("#apply").ClickAsync();
        await Expect(page.Locator("#saga-rows tr[data-instance='br-tr-ok']")).ToBeVisibleAsync();
        await Expect(page.Locator("#saga-rows tr[data-instance='br-tr-poor']")).ToBeVisibleAsync();
        await Expect(page.Locator("#saga-rows td:first-child")).ToHaveTextAsync(["money-transfer", "money-transfer"]);

        // No filter: every saga of the app again (the other tests' sagas too).
        await page.Locator("#f-saga").SelectOptionAsync(string.Empty);
        await page.Locator("#apply").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/monitor$"));
        await Expect(page.Locator("#saga-rows tr[data-instance='br-tr-poor']")).ToBeVisibleAsync();
        await Expect(page.Locator("#stats-bar")).ToContainTextAsync("sagas");
        await MonitorBrowserFixture.ScreenshotAsync(page, "monitor-list");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EventForm_BadPayload_ShowsTheProblemDetailsNamingTheField()
    {
        const string id = "br-ticket-1";
        await browser.StartAsync("ticketing", id, new { bookingId = id, eventId = "EVT-001", seatIds = new[] { "A7" }, customerId = "C-1", totalAmount = 40.00m });
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{browser.BaseUrl}/monitor/sagas/ticketing/{id}");
        var wait = page.Locator("[data-wait='payment'] .box.step");
        await Expect(wait).ToHaveAttributeAsync("data-state", "current");

        await page.Locator("#event-name").FillAsync("payment");
        await page.Locator("#event-payload").FillAsync("""{"succeeded": "yes", "paymentId": "PAY-1"}""");
        await page.Locator("#event-form button[type=submit]").ClickAsync();

        var problem = page.Locator("#problem");
        await Expect(problem).ToBeVisibleAsync();
        await Expect(problem).ToContainTextAsync("400");
        await Expect(problem).ToContainTextAsync("succeeded");
        await Expect(wait).ToHaveAttributeAsync("data-state", "current");
        await MonitorBrowserFixture.ScreenshotAsync(page, "event-bad-payload");

        // The same form with a good payload: the wait is answered and the saga confirms the booking.
        await page.Locator("#event-payload").FillAsync("""{"succeeded": true, "paymentId": "PAY-1"}""");
        await page.Locator("#event-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Completed");
        await Expect(problem).ToBeHiddenAsync();
        await Expect(wait).ToHaveAttributeAsync("data-state", "done");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Diagram_InsuranceClaim_MarksThePivotAndTheApprovalDeadline()
    {
        const string id = "br-claim-1";
        await browser.StartAsync("insurance-claim", id, new { claimId = id, policyId = "POL-100", customerId = "C-1", amount = 800.00m, description = "Broken arm" });
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{browser.BaseUrl}/monitor/sagas/insurance-claim/{id}");

        var approval = page.Locator("[data-wait='approval']");
        await Expect(approval.Locator(".box.step")).ToHaveAttributeAsync("data-state", "current");
        await Expect(approval).ToContainTextAsync("≤ 30 d");
        await Expect(approval).ToContainTextAsync("until");
        await Expect(page.Locator(".node.pivot[data-step='PayClaim']")).ToContainTextAsync("pivot");
        await Expect(page.Locator("[data-step='PayClaim'] .box.step")).ToHaveAttributeAsync("data-state", "pending");
        await Expect(page.Locator("[data-step='RequestMedicalRecords'] .box.step")).ToHaveAttributeAsync("data-state", "done");
        await Expect(page.Locator("[data-compensation='CloseClaimUnpaid']")).ToBeVisibleAsync();
        var order = await page.Locator("#diagram > .node").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.step || n.dataset.wait)");
        Assert.Equal(["ValidateClaim", "RequestMedicalRecords", "approval", "PayClaim", "CloseClaim"], order);
        await MonitorBrowserFixture.ScreenshotAsync(page, "diagram-claim");
        await Expect(page.Locator("#retry-step")).ToHaveCountAsync(0); // waiting for an event, not retrying a step
        await page.Locator("#cancel").ClickAsync();
        await Expect(page.Locator("#runtime-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("[data-compensation='CloseClaimUnpaid']")).ToHaveAttributeAsync("data-state", "compensated");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Diagram_Batch_DrawsTheParallelBranchesSideBySide()
    {
        const string id = "br-batch-1";
        await browser.StartAsync("batch", id, new { batchId = id, items = new[] { "a", "b", "c" } });
        await browser.FinishedViewAsync("batch", id);
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{browser.BaseUrl}/monitor/sagas/batch/{id}");

        var lanes = page.Locator("[data-group='ProcessItems'] .lanes > .node");
        await Expect(lanes).ToHaveCountAsync(3);
        var tops = await lanes.EvaluateAllAsync<double[]>("nodes => nodes.map(n => n.getBoundingClientRect().top)");
        Assert.Single(tops.Distinct());
        await Expect(page.Locator("[data-step='ProcessItem[2]'] .box.step")).ToHaveAttributeAsync("data-state", "done");
        await Expect(page.Locator("[data-step='MergeResults'] .box.step")).ToHaveAttributeAsync("data-state", "done");
        await MonitorBrowserFixture.ScreenshotAsync(page, "diagram-batch");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task KeyPrompt_ApiKeySet_AskedOnceThenTheListLoadsWithTheKey()
    {
        var keyed = new Docs.ReadmeApp("browser-key");
        await keyed.InitializeAsync();
        try
        {
            var page = await browser.NewPageAsync();

            await page.GotoAsync($"{keyed.BaseUrl}/monitor");

            await Expect(page.Locator("#key-form")).ToBeVisibleAsync();
            await MonitorBrowserFixture.ScreenshotAsync(page, "key-prompt");
            await page.Locator("#key-input").FillAsync("browser-key");
            await page.Locator("#key-form button[type=submit]").ClickAsync();

            await Expect(page.Locator("#key-form")).ToBeHiddenAsync();
            await Expect(page.Locator("#saga-rows")).ToContainTextAsync("No saga matches.");
            await Expect(page.Locator("#stats-bar")).ToContainTextAsync("0 sagas");
            await Expect(page.Locator("#problem")).ToBeHiddenAsync();
            Assert.Equal("browser-key", await page.EvaluateAsync<string>("() => sessionStorage.getItem('sagafunctions.apiKey')"));
            await page.Context.CloseAsync();
        }
        finally
        {
            await keyed.DisposeAsync();
        }
    }
}
