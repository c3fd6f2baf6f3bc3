using System.Net;
using System.Text;
using System.Text.Json;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.EndToEnd;

/// <summary>What a new user hits in the first hour, through the real app: each answer is pinned here.</summary>
public sealed class FirstHourEndToEndTests : EndToEndTestBase
{
    private const string GoodOrder = """{"orderId":"ORD-OK","customerId":"C-1","items":[{"sku":"ITEM-001","quantity":1}],"amount":10.00}""";
    private const string OutOfStockOrder = """{"orderId":"ORD-NO","customerId":"C-1","items":[{"sku":"ITEM-003","quantity":1}],"amount":30.00}""";

    [Fact]
    public async Task List_StatusFiltersOnTheSagasOwnStatus_RuntimeStatusOnTheEngines_PhaseOnThePhase()
    {
        var ok = await StartAsync("order", GoodOrder);
        var failed = await StartAsync("order", OutOfStockOrder);
        await Factory.RunUntilFinishedAsync(ok);
        await Factory.RunUntilFinishedAsync(failed);

        var byStatus = await GetJsonAsync("/api/sagas?status=failed");
        var byRuntime = await GetJsonAsync("/api/sagas?saga=order&runtimeStatus=Completed");
        var byPhase = await GetJsonAsync("/api/sagas?phase=compensated");

        Assert.Equal([failed], Ids(byStatus));
        Assert.Equal("failed", Assert.Single(byStatus.GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(2, byRuntime.GetProperty("items").GetArrayLength());
        Assert.Equal([failed], Ids(byPhase));
        Assert.Equal([ok], Ids(await GetJsonAsync("/api/sagas?status=completed&phase=completed")));
    }

    [Theory]
    [InlineData("outcome=failed", "outcome")]
    [InlineData("phase=exploded", "phase")]
    [InlineData("status=Running", "status")]
    [InlineData("stuck=maybe", "stuck")]
    public async Task List_UnknownParameterOrValue_Returns400NamingIt(string query, string field)
    {
        var problem = await ValidationAsync(await Client.GetAsync($"/api/sagas?{query}"), field);

        Assert.Contains(field, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_StuckAndVersion_AreAcceptedAndFilterWhatTheDataAllows()
    {
        var id = await StartAsync("order", GoodOrder);
        await Factory.RunUntilFinishedAsync(id);

        Assert.Equal([id], Ids(await GetJsonAsync("/api/sagas?version=1")));
        Assert.Empty(Ids(await GetJsonAsync("/api/sagas?version=2")));
        Assert.Empty(Ids(await GetJsonAsync("/api/sagas?stuck=true")));
        Assert.Equal([id], Ids(await GetJsonAsync("/api/sagas?stuck=false")));
        var view = await ViewAsync("order", id);
        Assert.Equal("1", view.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("stuck").ValueKind);
    }

    [Fact]
    public async Task ListOfOneSaga_GetSagaRoute_IsTheListWithSagaSet()
    {
        var order = await StartAsync("order", GoodOrder);
        await StartAsync("deployment", """{"deploymentId":"DEP-L","version":"1.0.0","imageTag":"app:1"}""");

        var page = await GetJsonAsync("/api/sagas/order");

        Assert.Equal([order], Ids(page));
        await ProblemAsync(await Client.GetAsync("/api/sagas/teleport"), HttpStatusCode.NotFound);
        await ValidationAsync(await Client.GetAsync("/api/sagas/order?outcome=failed"), "outcome");
    }

    [Theory]
    [InlineData("order", """{"orderId":"O","customerId":"C","items":[{"sku":"ITEM-001","quantity":1}],"amout":5}""", "amout")]
    [InlineData("order", """{"orderId":"O","customerId":"C","items":[{"sku":"ITEM-001","quantity":1,"colour":"red"}],"amount":5}""", "items[0].colour")]
    [InlineData("insurance-claim", """{"claimId":"CL","policyId":"P","customerId":"C","amount":100,"description":"d","approvalTimeoutSecond":30}""", "approvalTimeoutSecond")]
    public async Task Start_FieldTheRequestDoesNotHave_Returns400NamingItAndStartsNothing(string saga, string body, string field)
    {
        var problem = await ValidationAsync(await Client.PostAsync($"/api/sagas/{saga}", Json(body)), field);

        Assert.Empty(Ids(await GetJsonAsync("/api/sagas")));
        Assert.Contains("not a field", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TypoCloseToAField_SuggestsIt()
    {
        var problem = await ValidationAsync(await Client.PostAsync("/api/sagas/order", Json(
            """{"orderId":"O","customerId":"C","items":[{"sku":"ITEM-001","quantity":1}],"amout":5}""")), "amout");

        Assert.Contains("Did you mean 'amount'?", problem.GetProperty("errors").GetProperty("amout")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_FieldThePayloadDoesNotHave_Returns400NamingIt()
    {
        var id = await StartAsync("ticketing", """{"bookingId":"BK-U","eventId":"EVT-001","seatIds":["A9"],"customerId":"C-1","totalAmount":40.00}""");
        await Factory.SettleAsync();

        await ValidationAsync(
            await Client.PostAsync($"/api/sagas/ticketing/{id}/events/payment", Json("""{"succeeded":true,"paymentId":"P","amout":3}""")), "amout");
    }

    [Fact]
    public async Task Start_MissingNestedNumber_SaysRequiredNotOutOfRange()
    {
        var problem = await ValidationAsync(await Client.PostAsync("/api/sagas/order", Json(
            """{"orderId":"O","customerId":"C","items":[{"sku":"ITEM-001"}],"amount":5}""")), "items[0].quantity");

        Assert.Equal(["'items[0].quantity' is required."], problem.GetProperty("errors").GetProperty("items[0].quantity").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("POST", "/api/sagas/order/acme%2F42")]
    [InlineData("POST", "/api/sagas/order/acme%2f42")]
    [InlineData("POST", "/api/sagas/order/acme/42")]
    [InlineData("GET", "/api/sagas/order/acme%2F42")]
    [InlineData("GET", "/api/sagas/order/acme/42")]
    [InlineData("POST", "/api/sagas/order/acme%5C42/cancel")]
    public async Task InstanceId_WithASlashEncodedOrNot_IsRefusedWithProblemDetailsNamingIt(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Json(GoodOrder) : null };

        var problem = await ValidationAsync(await Client.SendAsync(request), "instanceId");

        Assert.Contains("'/'", problem.GetProperty("errors").GetProperty("instanceId")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(Ids(await GetJsonAsync("/api/sagas")));
    }

    [Fact]
    public async Task View_StepRetryInProgress_ShowsStepAttemptLastErrorAndNextRetryTime()
    {
        await InjectFaultAsync("""{"service":"shipping","operation":"create","mode":"transient","count":1}""");
        var id = await StartAsync("order", GoodOrder);

        var view = await SettleAsync("order", id);
        var row = Assert.Single((await GetJsonAsync("/api/sagas")).GetProperty("items").EnumerateArray());

        Assert.Equal("CreateShipment", view.GetProperty("currentStep").GetString());
        var retry = Assert.Single(view.GetProperty("retries").EnumerateArray());
        Assert.Equal("CreateShipment", retry.GetProperty("step").GetString());
        Assert.Equal("step", retry.GetProperty("kind").GetString());
        Assert.Equal(1, retry.GetProperty("attempt").GetInt32());
        Assert.True(retry.GetProperty("maxAttempts").GetInt32() > 1);
        Assert.False(string.IsNullOrEmpty(retry.GetProperty("lastError").GetProperty("message").GetString()));
        Assert.True(retry.GetProperty("nextRetryAt").GetDateTimeOffset() > view.GetProperty("lastUpdatedAt").GetDateTimeOffset().AddMilliseconds(-1));
        Assert.Equal("CreateShipment", Assert.Single(row.GetProperty("retries").EnumerateArray()).GetProperty("step").GetString());

        var done = await FinishAsync("order", id);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Empty(done.GetProperty("retries").EnumerateArray());
    }

    [Fact]
    public async Task View_CompensationRetryInProgress_IsShown()
    {
        await InjectFaultAsync("""{"service":"payments","operation":"refund","mode":"transient","count":1}""");
        var id = await StartAsync("order", OutOfStockOrder);

        var view = await SettleAsync("order", id);

        Assert.Equal("compensating", view.GetProperty("phase").GetString());
        var retry = Assert.Single(view.GetProperty("retries").EnumerateArray());
        Assert.Equal("ChargePayment", retry.GetProperty("step").GetString());
        Assert.Equal("compensation", retry.GetProperty("kind").GetString());
        var compensating = view.GetProperty("progress").GetProperty("timeline").EnumerateArray()
            .First(e => e.GetProperty("event").GetString() == "compensating" && e.GetProperty("step").GetString() == "ChargePayment");
        Assert.Equal("RefundPayment", compensating.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task View_WaitingSaga_ShowsWhatItWaitsForUntilWhen()
    {
        var id = await StartAsync("ticketing", """{"bookingId":"BK-W","eventId":"EVT-001","seatIds":["A5"],"customerId":"C-1","totalAmount":40.00}""");

        var view = await SettleAsync("ticketing", id);
        var row = Assert.Single((await GetJsonAsync("/api/sagas?saga=ticketing")).GetProperty("items").EnumerateArray());

        Assert.Equal("payment", view.GetProperty("waitingFor").GetProperty("event").GetString());
        var until = view.GetProperty("waitingFor").GetProperty("until").GetDateTimeOffset();
        Assert.Equal(view.GetProperty("createdAt").GetDateTimeOffset().AddMinutes(15), until, TimeSpan.FromMinutes(1));
        Assert.Equal("payment", row.GetProperty("waitingFor").GetProperty("event").GetString());
    }

    [Fact]
    public async Task View_DeadLetters_ListedWithLiveStateAndLinks_ResolvedIsReflected()
    {
        await InjectFaultAsync("""{"service":"payments","operation":"refund","mode":"permanent"}""");
        var id = await StartAsync("order", OutOfStockOrder);
        var view = await FinishAsync("order", id);

        var letter = Assert.Single(view.GetProperty("deadLetters").EnumerateArray());
        Assert.Equal($"{id}:ChargePayment", letter.GetProperty("id").GetString());
        Assert.Equal("open", letter.GetProperty("status").GetString());
        Assert.EndsWith($"/api/dead-letters/{Uri.EscapeDataString(id + ":ChargePayment")}/resolve", letter.GetProperty("resolveUrl").GetString(), StringComparison.Ordinal);
        Assert.True(view.GetProperty("needsAttention").GetBoolean());
        Assert.Equal("dead_lettered", view.GetProperty("compensations")[0].GetProperty("status").GetString());

        await JsonAsync(await Client.PostAsync(new Uri(letter.GetProperty("resolveUrl").GetString()!).PathAndQuery, Json("""{"note":"refunded by hand"}""")), HttpStatusCode.OK);
        var after = await ViewAsync("order", id);

        var resolved = Assert.Single(after.GetProperty("deadLetters").EnumerateArray());
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("refunded by hand", resolved.GetProperty("resolution").GetString());
        Assert.False(after.GetProperty("needsAttention").GetBoolean());
    }

    [Fact]
    public async Task View_EveryEnumValueIsSnakeCase_AndNothingIsDuplicated()
    {
        var id = await StartAsync("order", OutOfStockOrder);
        var view = await FinishAsync("order", id);
        var text = await (await Client.GetAsync($"/api/sagas/order/{id}")).Content.ReadAsStringAsync();

        Assert.False(view.TryGetProperty("customStatus", out _));
        Assert.Equal("compensated", view.GetProperty("phase").GetString());
        Assert.Equal("compensated", view.GetProperty("output").GetProperty("phase").GetString());
        Assert.Equal("compensated", view.GetProperty("progress").GetProperty("phase").GetString());
        Assert.Equal("compensated", view.GetProperty("compensations")[0].GetProperty("status").GetString());
        Assert.Equal("rejected", view.GetProperty("output").GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentType_OneRule_JsonBodyIsReadAsJsonWhateverTheHeaderOnApiAndParticipants()
    {
        using var form = new StringContent("""{"service":"notifications","operation":"send","mode":"transient","count":1}""", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var plain = new StringContent(GoodOrder, Encoding.UTF8, "text/plain");

        Assert.Equal(HttpStatusCode.Created, (await Client.PostAsync("/participants/faults", form)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync("/api/sagas/order", plain)).StatusCode);
    }

    [Fact]
    public async Task ContentType_DurableWebhookRaiseEvent_KeepsDurablesRuleAndSaysSo()
    {
        var id = await StartAsync("ticketing", """{"bookingId":"BK-C","eventId":"EVT-001","seatIds":["A6"],"customerId":"C-1","totalAmount":40.00}""");
        using var form = new StringContent("""{"succeeded":true,"paymentId":"P"}""", Encoding.UTF8, "application/x-www-form-urlencoded");

        var problem = await ProblemAsync(
            await Client.PostAsync($"/runtime/webhooks/durabletask/instances/{id}/raiseEvent/payment", form), HttpStatusCode.BadRequest);

        Assert.Contains("application/json", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task View_TypoedEventThroughSendEventPostUri_IsShownAsUnconsumed()
    {
        var id = await StartAsync("ticketing", """{"bookingId":"BK-T","eventId":"EVT-001","seatIds":["A7"],"customerId":"C-1","totalAmount":40.00}""");
        await Factory.SettleAsync();

        var response = await Client.PostAsync($"/runtime/webhooks/durabletask/instances/{id}/raiseEvent/payed", Json("""{"succeeded":true,"paymentId":"PAY-T"}"""));
        var view = await SettleAsync("ticketing", id);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var unconsumed = Assert.Single(view.GetProperty("unconsumedEvents").EnumerateArray());
        Assert.Equal("payed", unconsumed.GetProperty("name").GetString());
        Assert.Equal("PAY-T", unconsumed.GetProperty("payload").GetProperty("paymentId").GetString());
        Assert.Equal("payment", view.GetProperty("waitingFor").GetProperty("event").GetString());
    }

    [Fact]
    public async Task MethodNotAllowed_IsAProblemWithAHint()
    {
        var response = await Client.DeleteAsync("/api/sagas");

        var problem = await ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("allowed: GET", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("/openapi/v1.json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_IsAProblemWithAHint()
    {
        var problem = await ProblemAsync(await Client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound);

        Assert.Contains("/openapi/v1.json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_RedirectsToTheApiDescription()
    {
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/openapi/v1.json", response.Headers.Location?.OriginalString);
    }

    private async Task InjectFaultAsync(string fault) =>
        await JsonAsync(await Client.PostAsync("/participants/faults", Json(fault)), HttpStatusCode.Created);

    private static List<string?> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()).ToList();
}
