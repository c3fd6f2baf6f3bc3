using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

/// <summary>The typed clients: against the real pipeline, and against stub handlers for network failures.</summary>
public sealed class ClientTests
{
    [Fact]
    public async Task Success_CarriesValueStatusAndNoCode()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<PaymentsClient>().ChargeAsync("k", new ChargeRequest("O", "C", 10m));

        Assert.True(result.Succeeded);
        Assert.Equal(200, result.StatusCode);
        Assert.Null(result.Code);
        Assert.Null(result.Message);
        Assert.False(result.Replayed);
    }

    [Fact]
    public async Task Rejection_CarriesReasonAndDetail()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<AccountsClient>().DebitAsync("k", new DebitRequest("ACC-002", 600m, "T"));

        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        Assert.Equal(RejectionCodes.InsufficientFunds, result.Code);
        Assert.Contains("ACC-002", result.Message, StringComparison.Ordinal);
        Assert.Equal(422, result.StatusCode);
    }

    [Fact]
    public async Task InvalidRequest_IsARejectionWithInvalidRequest()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<PaymentsClient>().ChargeAsync("k", new ChargeRequest("O", "C", -1m));

        Assert.Equal(RejectionCodes.InvalidRequest, result.Code);
        Assert.Contains("amount", result.Message, StringComparison.Ordinal);
        Assert.Equal(400, result.StatusCode);
    }

    [Fact]
    public async Task Replay_IsFlagged()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var shipping = host.Client<ShippingClient>();
        var request = new CreateShipmentRequest("O", "C", [new LineItem("ITEM-001", 1)]);

        var first = await shipping.CreateAsync("k", request);
        var second = await shipping.CreateAsync("k", request);

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Value, second.Value);
    }

    [Fact]
    public async Task InjectedTransientFault_ThrowsUnavailableWith503()
    {
        await using var host = await ParticipantsHost.StartAsync();
        await host.Client<FaultsClient>().AddAsync(new FaultRequest("environments", "deploy", "transient"));

        var error = await Assert.ThrowsAsync<ParticipantUnavailableException>(() =>
            host.Client<EnvironmentsClient>().DeployAsync("d", new DeployRequest("D", "staging", "2.0.0")));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(RejectionCodes.InjectedFault, error.Reason);
    }

    [Fact]
    public async Task ConnectionFailure_ThrowsUnavailableWithoutStatus()
    {
        var client = CreateClient<PaymentsClient>(new StubHandler((_, _) => throw new HttpRequestException("Connection refused")));

        var error = await Assert.ThrowsAsync<ParticipantUnavailableException>(() => client.ChargeAsync("k", new ChargeRequest("O", "C", 1m)));

        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Timeout_ThrowsUnavailable()
    {
        var handler = new StubHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var client = CreateClient<InventoryClient>(handler, TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAsync<ParticipantUnavailableException>(() => client.ReleaseAsync("k", new ReleaseRequest("r")));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancellation_IsNotATechnicalFailure()
    {
        var handler = new StubHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var client = CreateClient<InventoryClient>(handler);
        using var cancellation = new CancellationTokenSource();

        var call = client.ReleaseAsync("k", new ReleaseRequest("r"), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task TechnicalStatus_ThrowsUnavailable(HttpStatusCode status)
    {
        var client = CreateClient<SeatsClient>(Answer(status, "upstream trouble", "text/plain"));

        var error = await Assert.ThrowsAsync<ParticipantUnavailableException>(() => client.ReleaseAsync("k", new ReleaseSeatsRequest("h")));

        Assert.Equal((int)status, error.StatusCode);
        Assert.Contains("upstream trouble", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "not_found")]
    [InlineData((HttpStatusCode)418, "http_418")]
    [InlineData(HttpStatusCode.Conflict, "http_409")]
    public async Task ClientErrorWithoutReason_IsARejectionWithAStatusCode(HttpStatusCode status, string code)
    {
        var client = CreateClient<ClaimsClient>(Answer(status, "{}", "application/json"));

        var result = await client.CloseAsync("k", new CloseClaimRequest("CL"));

        Assert.Equal(code, result.Code);
        Assert.Equal((int)status, result.StatusCode);
    }

    [Fact]
    public async Task SuccessWithUnreadableBody_ThrowsUnavailable()
    {
        var client = CreateClient<MigrationClient>(Answer(HttpStatusCode.OK, "<html>proxy</html>", "application/json"));

        await Assert.ThrowsAsync<ParticipantUnavailableException>(() => client.SwitchTrafficAsync("k", new SwitchTrafficRequest("M")));
    }

    [Fact]
    public async Task Post_SendsIdempotencyKeyAndCamelCaseJsonToTheParticipantRoute()
    {
        var handler = Answer(HttpStatusCode.OK, """{"debitTxId":"dtx_1","accountId":"ACC-001","amount":5,"balance":995}""", "application/json");
        var client = CreateClient<AccountsClient>(handler, baseAddress: new Uri("http://participants.test/base"));

        var result = await client.DebitAsync("T-1:debit", new DebitRequest("ACC-001", 5m, "T-1"));

        Assert.Equal("dtx_1", result.Value!.DebitTxId);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://participants.test/base/participants/accounts/debit", request.RequestUri!.ToString());
        Assert.Equal("T-1:debit", request.Headers.GetValues(ParticipantHeaders.IdempotencyKey).Single());
    }

    [Fact]
    public async Task Post_BlankIdempotencyKey_Throws()
    {
        await using var host = await ParticipantsHost.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Client<PaymentsClient>().ChargeAsync(" ", new ChargeRequest("O", "C", 1m)));
    }

    [Fact]
    public void AddParticipantClients_RelativeBaseAddress_Throws()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddParticipantClients(new Uri("/participants", UriKind.Relative)));
    }

    [Fact]
    public void AddParticipantClients_RegistersEveryTypedClient()
    {
        using var provider = new ServiceCollection().AddParticipantClients(new Uri("http://localhost:7071")).BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<PaymentsClient>());
        Assert.NotNull(provider.GetRequiredService<InventoryClient>());
        Assert.NotNull(provider.GetRequiredService<ShippingClient>());
        Assert.NotNull(provider.GetRequiredService<NotificationsClient>());
        Assert.NotNull(provider.GetRequiredService<AccountsClient>());
        Assert.NotNull(provider.GetRequiredService<SeatsClient>());
        Assert.NotNull(provider.GetRequiredService<EnvironmentsClient>());
        Assert.NotNull(provider.GetRequiredService<ClaimsClient>());
        Assert.NotNull(provider.GetRequiredService<MigrationClient>());
        Assert.NotNull(provider.GetRequiredService<ProcessingClient>());
        Assert.NotNull(provider.GetRequiredService<FaultsClient>());
    }

    [Fact]
    public void AddParticipantClients_TimeoutOption_IsEveryClientsTimeout()
    {
        var services = new ServiceCollection().AddParticipantClients(new Uri("http://localhost:7071"));
        services.Configure<ParticipantClientOptions>(o => o.Timeout = TimeSpan.FromMilliseconds(250));
        using var provider = services.BuildServiceProvider();

        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SeatsClient));

        Assert.Equal(TimeSpan.FromMilliseconds(250), http.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(100), new ParticipantClientOptions().Timeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3_600_001)]
    public void AddParticipantClients_TimeoutOutOfRange_FailsValidationNamingTheKey(int milliseconds)
    {
        var services = new ServiceCollection().AddParticipantClients(new Uri("http://localhost:7071"));
        services.Configure<ParticipantClientOptions>(o => o.Timeout = TimeSpan.FromMilliseconds(milliseconds));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ParticipantClientOptions>>().Value);

        Assert.Contains("Participants:Client:Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParticipantResult_Factories_SetTheFields()
    {
        var success = ParticipantResult.Success("value");
        var rejected = ParticipantResult.Rejected<string>("sold_out", "gone", 409);

        Assert.True(success.Succeeded);
        Assert.Equal("value", success.Value);
        Assert.False(rejected.Succeeded);
        Assert.Equal(("sold_out", "gone", 409), (rejected.Code, rejected.Message, rejected.StatusCode));
        Assert.Throws<ArgumentException>(() => ParticipantResult.Rejected<string>(" ", "m", 409));
    }

    private static StubHandler Answer(HttpStatusCode status, string body, string contentType) =>
        new((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) }));

    private static T CreateClient<T>(HttpMessageHandler handler, TimeSpan? timeout = null, Uri? baseAddress = null)
        where T : notnull
    {
        var services = new ServiceCollection();
        services.AddParticipantClients(
            (_, client) =>
            {
                client.BaseAddress = baseAddress is null ? new Uri("http://participants.test/") : new Uri(baseAddress.AbsoluteUri + "/");
                client.Timeout = timeout ?? TimeSpan.FromSeconds(30);
            },
            _ => handler);
        return services.BuildServiceProvider().GetRequiredService<T>();
    }
}
