using System.Diagnostics.Metrics;

namespace SagaFunctions.Kernel.Tests;

/// <summary>The kernel's instruments count real transitions once: never while replaying.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly string _saga = "metrics-" + Guid.NewGuid().ToString("N");

    public MetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SagaMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var map = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(map.GetValueOrDefault("saga"), _saga))
            {
                lock (_measurements)
                {
                    _measurements.Add((instrument.Name, value, map));
                }
            }
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Step_NotReplaying_CountsOneStepWithSagaStepAndResult()
    {
        var context = new FakeOrchestrationContext().Returns("Charge", new Payment("PAY-1"));
        var saga = new Saga(context, _saga);

        await saga.Step<Payment>("Charge", new Charge("O-1", 10m));

        var step = Assert.Single(_measurements, m => m.Instrument == "saga.steps");
        Assert.Equal(1, step.Value);
        Assert.Equal("Charge", step.Tags["step"]);
        Assert.Equal("succeeded", step.Tags["result"]);
    }

    [Fact]
    public async Task Step_Replaying_CountsNothing()
    {
        var context = new FakeOrchestrationContext { IsReplaying = true }.Returns("Charge", new Payment("PAY-1"));
        var saga = new Saga(context, _saga);

        await saga.Step<Payment>("Charge", new Charge("O-1", 10m));

        Assert.Empty(_measurements);
    }

    [Fact]
    public async Task Compensation_FailsForGood_CountsRejectedStepAndDeadLetteredCompensation()
    {
        var context = new FakeOrchestrationContext()
            .Returns("Charge", new Payment("PAY-1"))
            .Rejects<Payment>("Reserve", "out_of_stock")
            .Fails("Refund");
        var options = SagaOptions.Default with { CompensationRetry = new RetryPolicy(2, TimeSpan.FromSeconds(1), 1.0) };
        var saga = new Saga(context, _saga, options);
        await saga.Step<Payment>("Charge", null).CompensateWith("Refund");

        var failure = await Assert.ThrowsAsync<SagaFailedException>(async () => await saga.Step<Payment>("Reserve", null));
        await saga.CompensateAsync(failure.Failure);

        Assert.Contains(_measurements, m => m.Instrument == "saga.steps" && Equals(m.Tags["step"], "Reserve") && Equals(m.Tags["result"], "rejected"));
        var compensation = Assert.Single(_measurements, m => m.Instrument == "saga.compensations");
        Assert.Equal("Charge", compensation.Tags["step"]);
        Assert.Equal("dead_lettered", compensation.Tags["result"]);
    }

    [Fact]
    public async Task Compensation_Succeeds_CountsCompensated()
    {
        var context = new FakeOrchestrationContext()
            .Returns("Charge", new Payment("PAY-1"))
            .Rejects<Payment>("Reserve", "out_of_stock")
            .Compensates("Refund");
        var saga = new Saga(context, _saga);
        await saga.Step<Payment>("Charge", null).CompensateWith("Refund");

        var failure = await Assert.ThrowsAsync<SagaFailedException>(async () => await saga.Step<Payment>("Reserve", null));
        await saga.CompensateAsync(failure.Failure);

        var compensation = Assert.Single(_measurements, m => m.Instrument == "saga.compensations");
        Assert.Equal("compensated", compensation.Tags["result"]);
    }

    [Fact]
    public void ObserveOpenDeadLetters_Disposed_StopsReportingAndAFailingReadReportsNothing()
    {
        var gauge = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SagaMetrics.MeterName && instrument.Name == "dead_letters.open")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => gauge.Add(value));
        listener.Start();

        using (SagaMetrics.ObserveOpenDeadLetters(() => 3))
        {
            listener.RecordObservableInstruments();
        }

        using (SagaMetrics.ObserveOpenDeadLetters(() => throw new InvalidOperationException("store gone")))
        {
            listener.RecordObservableInstruments();
        }

        listener.RecordObservableInstruments();
        Assert.Equal([3L], gauge);
    }
}
