using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SagaFunctions.FunctionApp.Operations;
using SagaFunctions.Kernel;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>Runs alone: the <c>sagas.stuck</c> gauge is process-wide, and every Standalone host registers its own reader.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StuckGaugeCollection
{
    public const string Name = "stuck gauge";
}

/// <summary>
/// FunctionApp's <c>sagas.stuck</c> gauge on the real Durable Task engine: the hourly sweep counts the stuck sagas by the
/// rules of <c>?stuck=true</c> and the gauge reports that count at each collection, nothing before the first sweep.
/// </summary>
[Collection(StuckGaugeCollection.Name)]
public sealed class StuckGaugeTests
{
    [Fact]
    public async Task StuckGauge_DeadLetterOpenPastItsSla_ReportsNothingBeforeTheFirstSweepThenTheSweepsCount()
    {
        await using var engine = await DurableEngine.StartAsync();
        var run = new SagaRun(engine);
        await run.FaultAsync("payments", "refund");
        await run.FaultAsync("inventory", "reserve");
        await run.RunAsync("order", "sg-1", OrderScenarios.Order("sg-1"), "failed", "ReleaseInventory", "RefundPayment");
        var count = engine.Host.Services.GetRequiredService<StuckSagaCount>();
        using var gauge = new StuckSagasGauge(count);
        await gauge.StartAsync(CancellationToken.None);

        var beforeSweep = Collect();
        var now = await OperationsScenarios.Sweeper(engine, TimeSpan.Zero).SweepAsync(engine.Host.Client, CancellationToken.None);
        var atNow = Collect();
        var dayLater = await OperationsScenarios.Sweeper(engine, TimeSpan.FromDays(1)).SweepAsync(engine.Host.Client, CancellationToken.None);
        var afterSla = Collect();
        var listed = (await engine.SendAsync(HttpMethod.Get, "/api/sagas?stuck=true")).Json.GetProperty("items").GetArrayLength();

        Assert.Empty(beforeSweep);
        Assert.Equal(0, now.Stuck);
        Assert.Equal([0L], atNow);
        Assert.Equal(1, dayLater.Stuck);
        Assert.Equal([1L], afterSla);
        Assert.Equal(0, listed); // the list's clock is now: the dead letter is not past its SLA yet
    }

    /// <summary>One collection of the SagaFunctions meter's <c>sagas.stuck</c>.</summary>
    private static long[] Collect()
    {
        var values = new List<long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SagaMetrics.MeterName && instrument.Name == "sagas.stuck")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => values.Add(value));
        listener.Start();
        listener.RecordObservableInstruments();
        return [.. values];
    }
}
