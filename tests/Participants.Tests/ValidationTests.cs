using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

/// <summary>Bad input on every endpoint: a 400 (or 413) problem naming the field, and nothing done.</summary>
public sealed class ValidationTests(SharedHost shared) : IClassFixture<SharedHost>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "payments/charge", "orderId" },
        { "payments/refund", "chargeKey" },
        { "inventory/reserve", "orderId" },
        { "inventory/release", "reservationKey" },
        { "shipping/create", "orderId" },
        { "shipping/cancel", "shipmentKey" },
        { "notifications/send", "to" },
        { "accounts/debit", "accountId" },
        { "accounts/credit", "accountId" },
        { "accounts/reverse", "debitKey" },
        { "accounts/record", "transferId" },
        { "seats/hold", "eventId" },
        { "seats/confirm", "holdKey" },
        { "seats/release", "holdKey" },
        { "environments/deploy", "deploymentId" },
        { "environments/tests", "deploymentId" },
        { "environments/rollback", "deployKey" },
        { "environments/dns", "deploymentId" },
        { "environments/logs", "deploymentId" },
        { "claims/validate", "claimId" },
        { "claims/records", "claimId" },
        { "claims/pay", "claimId" },
        { "claims/refund", "payKey" },
        { "claims/close", "claimId" },
        { "migration/dual-write", "migrationId" },
        { "migration/batch", "migrationId" },
        { "migration/verify", "migrationId" },
        { "migration/switch", "migrationId" },
        { "migration/decommission", "migrationId" },
        { "processing/process", "batchId" },
        { "processing/undo", "workKey" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_WithoutIdempotencyKey_Is400NamingTheHeader(string path, string field)
    {
        var host = shared.Host;

        using var response = await host.PostRawAsync($"/participants/{path}", null, "{}");

        var problem = await response.ValidationProblemAsync(ParticipantHeaders.IdempotencyKey);
        Assert.DoesNotContain(field, problem.GetProperty("errors").ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_EmptyObject_Is400NamingTheRequiredField(string path, string field)
    {
        var host = shared.Host;

        using var response = await host.PostRawAsync($"/participants/{path}", "k", "{}");

        await response.ValidationProblemAsync(field);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_MalformedJson_Is400NamingTheBody(string path, string field)
    {
        var host = shared.Host;

        using var response = await host.PostRawAsync($"/participants/{path}", "k", $$"""{"{{field}}": "x",""");

        await response.ValidationProblemAsync("body");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_OversizedBody_Is413Problem(string path, string field)
    {
        var host = shared.Host;

        using var response = await host.PostRawAsync($"/participants/{path}", "k", OversizedJson(field));

        await AssertPayloadTooLargeAsync(response);
    }

    [Fact]
    public async Task PostFaults_OversizedBody_Is413Problem()
    {
        var host = shared.Host;

        using var response = await host.PostRawAsync("/participants/faults", null, OversizedJson("service"));

        await AssertPayloadTooLargeAsync(response);
        Assert.Empty(await host.Client<FaultsClient>().ListAsync());
    }

    [Fact]
    public async Task Post_OversizedBodyWithoutContentLength_Is413Problem()
    {
        var host = shared.Host;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/participants/notifications/send")
        {
            Content = new StringContent(OversizedJson("to"), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Content.Headers.ContentLength = null;
        request.Headers.Add(ParticipantHeaders.IdempotencyKey, "k");
        Assert.Null(request.Content.Headers.ContentLength);

        using var response = await host.Http.SendAsync(request);

        await AssertPayloadTooLargeAsync(response);
    }

    [Fact]
    public void Endpoints_CoverEveryPostRoute()
    {
        var posts = shared.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => e.RoutePattern.RawText!.Trim('/'))
            .Order(StringComparer.Ordinal);
        var tested = Endpoints.Select(row => "participants/" + (string)row[0]).Append("participants/faults").Order(StringComparer.Ordinal);

        Assert.Equal(tested, posts);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Post_FormBodyThatIsNotJson_Is400SayingSo(string path, string field)
    {
        var host = shared.Host;

        using var response = await host.PostRawAsync($"/participants/{path}", "k", $"{field}=x", "application/x-www-form-urlencoded");

        await response.ProblemAsync(HttpStatusCode.BadRequest, RejectionCodes.InvalidRequest);
    }

    [Fact]
    public async Task Post_JsonBodyWithoutJsonContentType_IsReadAsJson()
    {
        var host = shared.Host;

        // curl -d sends application/x-www-form-urlencoded: the one rule is that the body is read as JSON anyway.
        using var response = await host.PostRawAsync("/participants/payments/charge", "ct-1", """{"orderId":"O-CT","customerId":"C-1","amount":10}""", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("payments/charge", """{"orderId":"O","customerId":"C","amount":0}""", "amount")]
    [InlineData("payments/charge", """{"orderId":"O","customerId":"C","amount":-5}""", "amount")]
    [InlineData("payments/charge", """{"orderId":"O","customerId":"C","amount":1.001}""", "amount")]
    [InlineData("payments/charge", """{"orderId":"O","customerId":"C","amount":"abc"}""", "amount")]
    [InlineData("payments/charge", """{"orderId":" ","customerId":"C","amount":5}""", "orderId")]
    [InlineData("payments/charge", """{"orderId":null,"customerId":"C","amount":5}""", "orderId")]
    [InlineData("payments/charge", """[1,2]""", "body")]
    [InlineData("inventory/reserve", """{"orderId":"O","items":[]}""", "items")]
    [InlineData("inventory/reserve", """{"orderId":"O","items":[{"sku":"ITEM-001","quantity":0}]}""", "items[0].quantity")]
    [InlineData("inventory/reserve", """{"orderId":"O","items":[{"sku":"","quantity":1}]}""", "items[0].sku")]
    [InlineData("inventory/reserve", """{"orderId":"O","items":[{"sku":"ITEM-001","quantity":"x"}]}""", "items[0].quantity")]
    [InlineData("shipping/create", """{"orderId":"O","customerId":"C","items":[{"sku":"ITEM-001","quantity":-1}]}""", "items[0].quantity")]
    [InlineData("notifications/send", """{"to":"","subject":"s","body":"b"}""", "to")]
    [InlineData("accounts/debit", """{"accountId":"ACC-001","amount":-1,"transferId":"T"}""", "amount")]
    [InlineData("accounts/credit", """{"accountId":"ACC-001","amount":0,"transferId":"T"}""", "amount")]
    [InlineData("accounts/credit", """{"accountId":"ACC-001","amount":5}""", "transferId")]
    [InlineData("accounts/reverse", """{"debitKey":"a","creditKey":"b"}""", "creditKey")]
    [InlineData("accounts/record", """{"transferId":"T","fromAccount":"ACC-001","toAccount":"ACC-001","amount":1,"debitTxId":"d","creditTxId":"c"}""", "toAccount")]
    [InlineData("seats/hold", """{"eventId":"EVT-001","seatIds":[],"customerId":"C","bookingId":"B"}""", "seatIds")]
    [InlineData("seats/hold", """{"eventId":"EVT-001","seatIds":["A1","A1"],"customerId":"C","bookingId":"B"}""", "seatIds")]
    [InlineData("seats/confirm", """{"holdKey":"h"}""", "paymentId")]
    [InlineData("environments/deploy", """{"deploymentId":"D","environment":"qa","version":"2.0.0"}""", "environment")]
    [InlineData("environments/logs", """{"deploymentId":"D","environment":"dev"}""", "environment")]
    [InlineData("claims/pay", """{"claimId":"CL","customerId":"C","amount":0}""", "amount")]
    [InlineData("migration/dual-write", """{"migrationId":"M","serviceId":"S"}""", "enabled")]
    [InlineData("migration/batch", """{"migrationId":"M","batchNumber":1,"batchSize":0}""", "batchSize")]
    [InlineData("migration/batch", """{"migrationId":"M","batchNumber":-1,"batchSize":10}""", "batchNumber")]
    [InlineData("migration/verify", """{"migrationId":"M","expectedRecords":-1}""", "expectedRecords")]
    [InlineData("processing/process", """{"batchId":"B","item":"","index":0}""", "item")]
    [InlineData("processing/process", """{"batchId":"B","item":" ","index":0}""", "item")]
    [InlineData("processing/process", """{"batchId":"B","index":0}""", "item")]
    [InlineData("processing/process", """{"batchId":"B","item":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","index":0}""", "item")]
    [InlineData("processing/process", """{"batchId":"B","item":"a","index":-1}""", "index")]
    [InlineData("processing/process", """{"batchId":"B","item":"a","index":"x"}""", "index")]
    [InlineData("processing/process", """{"batchId":"","item":"a","index":0}""", "batchId")]
    [InlineData("processing/undo", """{"workKey":" "}""", "workKey")]
    public async Task Post_BadField_Is400NamingIt(string path, string json, string field)
    {
        var host = shared.Host;

        using var response = await host.PostRawAsync($"/participants/{path}", "k", json);

        await response.ValidationProblemAsync(field);
    }

    [Fact]
    public async Task Post_TooLongIdempotencyKey_Is400()
    {
        var host = shared.Host;

        using var response = await host.PostAsync("/participants/payments/charge", new string('k', 300), new ChargeRequest("O", "C", 1m));

        await response.ValidationProblemAsync(ParticipantHeaders.IdempotencyKey);
    }

    private static string OversizedJson(string field) => $$"""{"{{field}}": "{{new string('x', 70_000)}}"}""";

    private static async Task AssertPayloadTooLargeAsync(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, RejectionCodes.PayloadTooLarge);
        Assert.Contains("65536-byte limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.14", problem.GetProperty("type").GetString());
        Assert.Equal("Content Too Large", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Post_BadRequest_HasNoEffect()
    {
        var host = shared.Host;

        using var response = await host.PostRawAsync("/participants/accounts/debit", "k", """{"accountId":"ACC-001","amount":-100,"transferId":"T"}""");

        await response.ValidationProblemAsync("amount");
        Assert.Equal(1000.00m, (await host.GetAsync<AccountView>("/participants/accounts/ACC-001")).Balance);
    }
}
