using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Sagas.DeadLetters;
using SagaFunctions.Sagas.Order;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Integration;

public class DeadLetterRetryTests
{
    private static readonly OrderRequest Order = new("order-dl", "cust-1", [new OrderItem("ITEM-001", 1)], 10m);

    private static async Task<string> DeadLetteredRefundAsync(SagaHarness h)
    {
        await h.FailAsync("inventory", "reserve");
        await h.FailAsync("payments", "refund");
        var result = await h.RunAsync<OrderResult>(nameof(OrderSaga), Order, "order-dl");
        return Assert.Single(result.DeadLetters);
    }

    [Fact]
    public async Task RetryDeadLetter_FaultCleared_RefundsAndResolves()
    {
        await using var h = await SagaHarness.StartAsync();
        var id = await DeadLetteredRefundAsync(h);
        var paymentId = (await h.DeadLetters.GetAsync(id, CancellationToken.None))!.Record.InputJson;
        await h.ClearFaultsAsync();

        var retry = await h.RunAsync<DeadLetterRetryResult>(nameof(RetryDeadLetter), id, "retry-1");

        Assert.Equal(new DeadLetterRetryResult(id, DeadLetterRetryResult.Resolved, null), retry);
        var entry = (await h.DeadLetters.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(DeadLetterStatus.Resolved, entry.Status);
        Assert.Equal(1, entry.RetryCount);
        Assert.Equal("retry-1", entry.LastRetryInstanceId);
        Assert.NotNull(entry.ResolvedAt);
        var refundKeys = h.KeyedCalls.Where(c => c.Name == "RefundPayment").Select(c => c.Key).Distinct().ToList();
        Assert.Equal(["order-dl:ChargePayment:compensate", "order-dl:ChargePayment:compensate:retry-1"], refundKeys);
        Assert.Contains("order-dl:ChargePayment", paymentId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryDeadLetter_SecondRetry_UsesItsOwnKeyAndClearsTheLastError()
    {
        await using var h = await SagaHarness.StartAsync();
        var id = await DeadLetteredRefundAsync(h);
        _ = await h.RunAsync<DeadLetterRetryResult>(nameof(RetryDeadLetter), id, "retry-1");
        await h.ClearFaultsAsync();

        var retry = await h.RunAsync<DeadLetterRetryResult>(nameof(RetryDeadLetter), id, "retry-2");

        Assert.Equal(DeadLetterRetryResult.Resolved, retry.Status);
        var entry = (await h.DeadLetters.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(2, entry.RetryCount);
        Assert.Null(entry.LastRetryError);
        var retryKeys = h.KeyedCalls.Where(c => c.Name == "RefundPayment").Select(c => c.Key).Where(k => k is not null && k.Contains(":retry-", StringComparison.Ordinal)).Distinct();
        Assert.Equal(["order-dl:ChargePayment:compensate:retry-1", "order-dl:ChargePayment:compensate:retry-2"], retryKeys);
    }

    [Theory]
    [InlineData("""{"idempotencyKey":"k:compensate","stepKey":"k","stepData":{"a":1}}""", """{"idempotencyKey":"k:compensate:retry-3","stepKey":"k","stepData":{"a":1}}""")]
    [InlineData("""{"IdempotencyKey":"k","StepKey":"s"}""", """{"IdempotencyKey":"k:retry-3","StepKey":"s"}""")]
    [InlineData("""{"stepKey":"s"}""", """{"stepKey":"s"}""")]
    [InlineData("""{"idempotencyKey":7}""", """{"idempotencyKey":7}""")]
    [InlineData("""[1,2]""", """[1,2]""")]
    public void WithRetryKey_RecordedInput_OnlyTheIdempotencyKeyChanges(string recorded, string expected)
    {
        Assert.Equal(expected, RetryDeadLetter.WithRetryKey(recorded, 3).GetRawText());
    }

    [Fact]
    public async Task RetryDeadLetter_StillFailing_RetryFailedAndStaysOpenForReview()
    {
        await using var h = await SagaHarness.StartAsync();
        var id = await DeadLetteredRefundAsync(h);

        var retry = await h.RunAsync<DeadLetterRetryResult>(nameof(RetryDeadLetter), id, "retry-1");

        Assert.Equal(DeadLetterRetryResult.RetryFailed, retry.Status);
        Assert.Contains("ParticipantUnavailableException", retry.Error, StringComparison.Ordinal);
        var entry = (await h.DeadLetters.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(DeadLetterStatus.RetryFailed, entry.Status);
        Assert.Equal(retry.Error, entry.LastRetryError);
        Assert.Null(entry.ResolvedAt);
    }

    [Fact]
    public async Task RetryDeadLetter_AlreadyResolved_DoesNothing()
    {
        await using var h = await SagaHarness.StartAsync();
        var id = await DeadLetteredRefundAsync(h);
        await h.ClearFaultsAsync();
        _ = await h.RunAsync<DeadLetterRetryResult>(nameof(RetryDeadLetter), id, "retry-1");
        var refunds = h.CallsOf("RefundPayment");

        var again = await h.RunAsync<DeadLetterRetryResult>(nameof(RetryDeadLetter), id, "retry-2");

        Assert.Equal(DeadLetterRetryResult.AlreadyResolved, again.Status);
        Assert.Equal(refunds, h.CallsOf("RefundPayment"));
    }

    [Fact]
    public async Task RetryDeadLetter_UnknownId_NotFound()
    {
        await using var h = await SagaHarness.StartAsync();

        var retry = await h.RunAsync<DeadLetterRetryResult>(nameof(RetryDeadLetter), "nope", "retry-1");

        Assert.Equal(DeadLetterRetryResult.NotFound, retry.Status);
        Assert.Equal(["BeginDeadLetterRetry"], h.Calls);
    }
}
