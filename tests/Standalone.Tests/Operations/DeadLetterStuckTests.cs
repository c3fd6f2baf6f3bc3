using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.Http;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Standalone.Tests.Contract;
using SagaFunctions.Standalone.Tests.Support;
using static SagaFunctions.Standalone.Tests.Support.HttpAssert;

namespace SagaFunctions.Standalone.Tests.Operations;

/// <summary>The dead-letter bound of "stuck": a saga whose dead letter stays open past its SLA is stuck, finished or not.</summary>
public sealed class DeadLetterStuckTests : IAsyncLifetime
{
    private static readonly DateTime Failed = new(2020, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private ContractHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ContractHost.StartAsync();
        _host.Engine.Seed("o-dl", TestSagas.OrderOrchestrator, "Completed", output: new { status = "failed" }, customStatus: new { phase = "CompensationFailed" });
        _host.Engine.Seed("o-ok", TestSagas.OrderOrchestrator, "Completed", output: new { status = "completed" }, customStatus: new { phase = "Completed" });
        await _host.DeadLetters.AddAsync(
            DeadLetterApiTests.Letter("o-dl:RefundPayment", 1) with { FirstFailureAt = Failed, LastFailureAt = Failed }, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task OpenDeadLetterPastItsSla_SagaIsStuckOnTheViewTheListAndTheStats()
    {
        var view = await JsonAsync(await _host.Client.GetAsync("/api/sagas/order/o-dl"), HttpStatusCode.OK);
        var stuck = await JsonAsync(await _host.Client.GetAsync("/api/sagas?stuck=true"), HttpStatusCode.OK);
        var stats = await JsonAsync(await _host.Client.GetAsync("/api/sagas/stats"), HttpStatusCode.OK);

        Assert.Equal(Failed, view.GetProperty("stuck").GetProperty("since").GetDateTime().ToUniversalTime());
        Assert.Contains("Dead letter 'o-dl:RefundPayment' has been open", view.GetProperty("stuck").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(["o-dl"], stuck.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()));
        Assert.Equal(1, stats.GetProperty("stuck").GetInt32());
    }

    [Fact]
    public async Task StuckGauge_ObservedFromCountStuck_ReportsTheStuckSaga()
    {
        var api = _host.Services.GetRequiredService<SagaApi>();
        long? observed = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SagaMetrics.MeterName && instrument.Name == "sagas.stuck")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => observed = value);
        listener.Start();

        using (SagaMetrics.ObserveStuckSagas(() => api.CountStuckAsync(CancellationToken.None).GetAwaiter().GetResult()))
        {
            listener.RecordObservableInstruments();
        }

        Assert.Equal(1, await api.CountStuckAsync(CancellationToken.None));
        Assert.Equal(1, observed);
    }

    [Fact]
    public async Task ResolvedDeadLetter_SagaIsNoLongerStuck()
    {
        await _host.DeadLetters.UpdateAsync("o-dl:RefundPayment", e => e with { Status = DeadLetterStatus.Resolved, Resolution = "by hand" }, CancellationToken.None);

        var view = await JsonAsync(await _host.Client.GetAsync("/api/sagas/order/o-dl"), HttpStatusCode.OK);
        var stuck = await JsonAsync(await _host.Client.GetAsync("/api/sagas?stuck=true"), HttpStatusCode.OK);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, view.GetProperty("stuck").ValueKind);
        Assert.Empty(stuck.GetProperty("items").EnumerateArray());
    }
}
