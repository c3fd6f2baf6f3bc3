using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Faults;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task AddFault_Valid_Is201WithIdAndLocation()
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var response = await host.PostAsync("/participants/faults", null, new FaultRequest("payments", "charge", "transient", Count: 2));

        var fault = await response.ReadAsync<FaultView>(HttpStatusCode.Created);
        Assert.StartsWith("flt_", fault.Id, StringComparison.Ordinal);
        Assert.Equal(new FaultView(fault.Id, "payments", "charge", "transient", 2, 2, 1, null, null, 0), fault);
        Assert.Equal($"/participants/faults/{fault.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(fault, await host.GetAsync<FaultView>(response.Headers.Location.OriginalString));
    }

    [Fact]
    public async Task Transient_FailsCountTimesWith503ThenSucceeds_AndFailuresHaveNoEffect()
    {
        await using var host = await ParticipantsHost.StartAsync();
        await host.Client<FaultsClient>().AddAsync(new FaultRequest("accounts", "debit", "transient", Count: 2));
        var body = new DebitRequest("ACC-001", 100m, "T-1");

        using var first = await host.PostAsync("/participants/accounts/debit", "debit", body);
        using var second = await host.PostAsync("/participants/accounts/debit", "debit", body);
        var balanceAfterFailures = (await host.GetAsync<AccountView>("/participants/accounts/ACC-001")).Balance;
        using var third = await host.PostAsync("/participants/accounts/debit", "debit", body);
        using var fourth = await host.PostAsync("/participants/accounts/debit", "debit", body);

        await first.ProblemAsync(HttpStatusCode.ServiceUnavailable, RejectionCodes.InjectedFault);
        await second.ProblemAsync(HttpStatusCode.ServiceUnavailable, RejectionCodes.InjectedFault);
        Assert.Equal("1", first.Headers.RetryAfter!.ToString());
        Assert.Equal(1000.00m, balanceAfterFailures);
        var debit = await third.ReadAsync<DebitResponse>();
        Assert.False(third.Headers.Contains(ParticipantHeaders.IdempotentReplayed));
        Assert.Equal(debit, await fourth.ReadAsync<DebitResponse>());
        Assert.Equal(900.00m, (await host.GetAsync<AccountView>("/participants/accounts/ACC-001")).Balance);
        Assert.Equal(0, (await host.Client<FaultsClient>().ListAsync()).Single().Remaining);
    }

    [Fact]
    public async Task Lost_AppliesTheEffectThenAnswers503_ARetryUnderTheKeyGetsTheStoredAnswerOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        await host.Client<FaultsClient>().AddAsync(new FaultRequest("accounts", "debit", "lost", Count: 1));
        var body = new DebitRequest("ACC-001", 100m, "T-LOST");

        using var first = await host.PostAsync("/participants/accounts/debit", "debit-lost", body);
        var balanceAfterLostAnswer = (await host.GetAsync<AccountView>("/participants/accounts/ACC-001")).Balance;
        using var retry = await host.PostAsync("/participants/accounts/debit", "debit-lost", body);

        await first.ProblemAsync(HttpStatusCode.ServiceUnavailable, RejectionCodes.InjectedFault);
        Assert.Equal(900.00m, balanceAfterLostAnswer);
        await retry.ReadAsync<DebitResponse>();
        Assert.True(retry.Headers.Contains(ParticipantHeaders.IdempotentReplayed));
        Assert.Equal(900.00m, (await host.GetAsync<AccountView>("/participants/accounts/ACC-001")).Balance);
    }

    [Fact]
    public async Task Reject_AnswersA422BusinessRejection_AndHasNoEffect()
    {
        await using var host = await ParticipantsHost.StartAsync();
        await host.Client<FaultsClient>().AddAsync(new FaultRequest("accounts", "debit", "reject"));

        using var response = await host.PostAsync("/participants/accounts/debit", "debit-reject", new DebitRequest("ACC-001", 100m, "T-REJ"));

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, RejectionCodes.InjectedRejection);
        Assert.Equal(1000.00m, (await host.GetAsync<AccountView>("/participants/accounts/ACC-001")).Balance);
    }

    [Fact]
    public async Task Debit_AmountAsStringOrUnknownField_Is400NamingItAndHasNoEffect()
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var asString = await host.PostAsync("/participants/accounts/debit", "debit-s", new { accountId = "ACC-001", amount = "100", transferId = "T-S" });
        using var unknown = await host.PostAsync("/participants/accounts/debit", "debit-u", new { accountId = "ACC-001", amount = 100m, transferId = "T-U", colour = "red" });

        Assert.Equal(HttpStatusCode.BadRequest, asString.StatusCode);
        Assert.Contains("\"amount\"", await asString.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("\"colour\"", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1000.00m, (await host.GetAsync<AccountView>("/participants/accounts/ACC-001")).Balance);
    }

    [Fact]
    public async Task Transient_DefaultCount_FailsOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        await host.Client<FaultsClient>().AddAsync(new FaultRequest("shipping", "create", "transient"));
        var shipping = host.Client<ShippingClient>();
        var request = new CreateShipmentRequest("O", "C", [new LineItem("ITEM-001", 1)]);

        var failure = await Assert.ThrowsAsync<ParticipantUnavailableException>(() => shipping.CreateAsync("ship", request));
        var success = await shipping.CreateAsync("ship", request);

        Assert.Equal(503, failure.StatusCode);
        Assert.True(success.Succeeded);
    }

    [Fact]
    public async Task Permanent_FailsWith500UntilDeleted()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var faults = host.Client<FaultsClient>();
        var fault = (await faults.AddAsync(new FaultRequest("inventory", "reserve", "permanent"))).Value!;
        var body = new ReserveRequest("O", [new LineItem("ITEM-001", 1)]);

        for (var i = 0; i < 3; i++)
        {
            using var failed = await host.PostAsync("/participants/inventory/reserve", "reserve", body);
            await failed.ProblemAsync(HttpStatusCode.InternalServerError, RejectionCodes.InjectedFault);
        }

        Assert.Equal(100, (await host.GetAsync<StockLevel>("/participants/inventory/ITEM-001")).Stock);
        Assert.Equal(3, (await faults.ListAsync()).Single().Triggered);
        using var delete = await host.Http.DeleteAsync($"/participants/faults/{fault.Id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var ok = await host.PostAsync("/participants/inventory/reserve", "reserve", body);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(99, (await host.GetAsync<StockLevel>("/participants/inventory/ITEM-001")).Stock);
    }

    [Fact]
    public async Task Permanent_OnACompensation_FailsTheCompensation()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var payments = host.Client<PaymentsClient>();
        await payments.ChargeAsync("charge", new ChargeRequest("O", "C", 10m));
        await host.Client<FaultsClient>().AddAsync(new FaultRequest("payments", "refund", "permanent"));

        var failure = await Assert.ThrowsAsync<ParticipantUnavailableException>(() => payments.RefundAsync("refund", new RefundRequest("charge")));

        Assert.Equal(500, failure.StatusCode);
        Assert.Equal(RejectionCodes.InjectedFault, failure.Reason);
    }

    [Fact]
    public async Task Key_RestrictsTheFaultToThatIdempotencyKey()
    {
        await using var host = await ParticipantsHost.StartAsync();
        await host.Client<FaultsClient>().AddAsync(new FaultRequest("notifications", "send", "permanent", Key: "bad-key"));
        var notifications = host.Client<NotificationsClient>();

        var other = await notifications.SendAsync("good-key", new SendEmailRequest("a@example.com", "hi", "body"));
        await Assert.ThrowsAsync<ParticipantUnavailableException>(() => notifications.SendAsync("bad-key", new SendEmailRequest("a@example.com", "hi", "body")));

        Assert.True(other.Succeeded);
        Assert.Single((await notifications.GetOutboxAsync())!.Messages);
    }

    [Fact]
    public async Task ProbabilityZero_NeverApplies()
    {
        await using var host = await ParticipantsHost.StartAsync();
        await host.Client<FaultsClient>().AddAsync(new FaultRequest("claims", "validate", "permanent", Probability: 0));
        var claims = host.Client<ClaimsClient>();

        for (var i = 0; i < 20; i++)
        {
            Assert.True((await claims.ValidateAsync($"v{i}", new ValidateClaimRequest($"CL-{i}", "POL-1", "C", 10m, "d"))).Succeeded);
        }

        Assert.Equal(0, (await host.Client<FaultsClient>().ListAsync()).Single().Triggered);
    }

    [Fact]
    public async Task ProbabilityOne_AlwaysApplies()
    {
        await using var host = await ParticipantsHost.StartAsync();
        await host.Client<FaultsClient>().AddAsync(new FaultRequest("migration", "batch", "permanent", Probability: 1));
        var migration = host.Client<MigrationClient>();
        await migration.SetDualWriteAsync("on", new DualWriteRequest("M", "S", true));

        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<ParticipantUnavailableException>(() => migration.MigrateBatchAsync($"b{i}", new MigrateBatchRequest("M", i, 10)));
        }

        Assert.Equal(0, (await migration.GetProgressAsync("M"))!.BatchExecutions);
    }

    [Fact]
    public async Task Probability_AppliesWhenTheRandomDrawIsBelowIt()
    {
        var draws = new Queue<double>([0.2, 0.8, 0.49, 0.5]);
        var injector = new FaultInjector(Options.Create(new ParticipantsOptions()), TimeProvider.System, NullLogger<FaultInjector>.Instance, draws.Dequeue);
        injector.Add(new FaultRequest("payments", "charge", "permanent", Probability: 0.5));

        var decisions = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            decisions.Add(await injector.ApplyAsync("payments", "charge", "k", CancellationToken.None) is not null);
        }

        Assert.Equal([true, false, true, false], decisions);
    }

    [Fact]
    public async Task Latency_DelaysTheCallByLatencyMsThenSucceeds()
    {
        var time = new FakeTimeProvider();
        await using var host = await ParticipantsHost.StartAsync(time: time);
        await host.Client<FaultsClient>().AddAsync(new FaultRequest("seats", "hold", "latency", LatencyMs: 5000));
        var timerCreated = time.TimerCreated.Task;

        var hold = host.Client<SeatsClient>().HoldAsync("hold", new HoldSeatsRequest("EVT-001", ["A1"], "C", "B"));
        await timerCreated;

        Assert.False(hold.IsCompleted);
        Assert.Equal("free", (await host.GetAsync<EventSeats>("/participants/seats/EVT-001")).Seats[0].State);
        time.Advance(TimeSpan.FromMilliseconds(5000));
        var result = await hold;
        Assert.True(result.Succeeded);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(15), result.Value.ExpiresAt);
    }

    [Fact]
    public async Task Latency_WithCount_DelaysOnlyTheFirstCountCalls()
    {
        var time = new FakeTimeProvider();
        await using var host = await ParticipantsHost.StartAsync(time: time);
        await host.Client<FaultsClient>().AddAsync(new FaultRequest("seats", "hold", "latency", Count: 1, LatencyMs: 5000));
        var timerCreated = time.TimerCreated.Task;
        var seats = host.Client<SeatsClient>();

        var delayed = seats.HoldAsync("hold-1", new HoldSeatsRequest("EVT-001", ["A1"], "C", "B1"));
        await timerCreated;
        var undelayed = await seats.HoldAsync("hold-2", new HoldSeatsRequest("EVT-001", ["A2"], "C", "B2"));

        Assert.True(undelayed.Succeeded);
        Assert.False(delayed.IsCompleted);
        Assert.Equal(0, (await host.Client<FaultsClient>().ListAsync()).Single().Remaining);
        time.Advance(TimeSpan.FromMilliseconds(5000));
        Assert.True((await delayed).Succeeded);
    }

    [Fact]
    public async Task ClearFaults_RemovesAll()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var faults = host.Client<FaultsClient>();
        await faults.AddAsync(new FaultRequest("payments", "charge", "permanent"));
        await faults.AddAsync(new FaultRequest("accounts", "credit", "latency", LatencyMs: 10));

        Assert.Equal(2, (await faults.ListAsync()).Count);
        await faults.ClearAsync();

        Assert.Empty(await faults.ListAsync());
        Assert.True((await host.Client<PaymentsClient>().ChargeAsync("c", new ChargeRequest("O", "C", 1m))).Succeeded);
    }

    [Fact]
    public async Task RemoveFault_Unknown_ReturnsFalse()
    {
        await using var host = await ParticipantsHost.StartAsync();

        Assert.False(await host.Client<FaultsClient>().RemoveAsync("flt_nope"));
    }

    [Theory]
    [InlineData("""{"service":"billing","operation":"charge","mode":"permanent"}""", "service")]
    [InlineData("""{"service":"payments","operation":"debit","mode":"permanent"}""", "operation")]
    [InlineData("""{"service":"payments","operation":"charge","mode":"flaky"}""", "mode")]
    [InlineData("""{"operation":"charge","mode":"permanent"}""", "service")]
    [InlineData("""{"service":"payments","mode":"permanent"}""", "operation")]
    [InlineData("""{"service":"payments","operation":"charge"}""", "mode")]
    [InlineData("""{"service":"payments","operation":"charge","mode":"transient","count":0}""", "count")]
    [InlineData("""{"service":"payments","operation":"charge","mode":"permanent","probability":1.5}""", "probability")]
    [InlineData("""{"service":"payments","operation":"charge","mode":"permanent","probability":-0.1}""", "probability")]
    [InlineData("""{"service":"payments","operation":"charge","mode":"latency"}""", "latencyMs")]
    [InlineData("""{"service":"payments","operation":"charge","mode":"latency","latencyMs":0}""", "latencyMs")]
    [InlineData("""{"service":"payments","operation":"charge","mode":"permanent","key":" "}""", "key")]
    [InlineData("""{"service":"payments","operation":"charge","mode":"permanent""", "body")]
    public async Task AddFault_Invalid_Is400NamingTheField(string json, string field)
    {
        await using var host = await ParticipantsHost.StartAsync();

        using var response = await host.PostRawAsync("/participants/faults", null, json);

        await response.ValidationProblemAsync(field);
        Assert.Empty(await host.Client<FaultsClient>().ListAsync());
    }

    [Fact]
    public async Task EveryCatalogOperation_CanBeFaulted()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var faults = host.Client<FaultsClient>();

        foreach (var (service, operations) in ParticipantCatalog.Operations)
        {
            foreach (var operation in operations)
            {
                Assert.True((await faults.AddAsync(new FaultRequest(service, operation, "permanent"))).Succeeded, $"{service}/{operation}");
            }
        }

        Assert.Equal(30, (await faults.ListAsync()).Count);
    }

    [Fact]
    public async Task ConfiguredFaults_AreActiveFromStartup()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Participants:Faults:0:Service"] = "payments",
            ["Participants:Faults:0:Operation"] = "charge",
            ["Participants:Faults:0:Mode"] = "transient",
            ["Participants:Faults:0:Count"] = "1",
        };
        await using var host = await ParticipantsHost.StartAsync(settings);
        var payments = host.Client<PaymentsClient>();

        await Assert.ThrowsAsync<ParticipantUnavailableException>(() => payments.ChargeAsync("c", new ChargeRequest("O", "C", 1m)));

        Assert.True((await payments.ChargeAsync("c", new ChargeRequest("O", "C", 1m))).Succeeded);
    }

    [Fact]
    public async Task ConfiguredFaults_Invalid_FailStartupNamingTheEntry()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Participants:Faults:0:Service"] = "payments",
            ["Participants:Faults:0:Operation"] = "explode",
            ["Participants:Faults:0:Mode"] = "permanent",
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ParticipantsHost.StartAsync(settings));

        Assert.Contains("Participants:Faults:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("operation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FaultInjector_IsASingletonSharedByTheApi()
    {
        await using var host = await ParticipantsHost.StartAsync();
        host.Services.GetRequiredService<FaultInjector>().Add(new FaultRequest("accounts", "record", "permanent"));

        Assert.Equal("record", (await host.Client<FaultsClient>().ListAsync()).Single().Operation);
    }
}
