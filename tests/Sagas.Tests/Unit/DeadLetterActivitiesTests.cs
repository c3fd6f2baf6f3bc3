using Moq;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Sagas.DeadLetters;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Unit;

public class DeadLetterActivitiesTests
{
    private static readonly DateTime At = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly DeadLetter Letter = new(
        "i-1:RefundPayment", "order", "i-1", "ChargePayment", "RefundPayment", "{}", "System.Exception", "down", 5, At, At);

    private readonly InMemoryDeadLetterStore _store = new();

    private DeadLetterActivities Activities => new(_store);

    private async Task<DeadLetterEntry> StoredAsync(DeadLetterStatus status, string? lastRetryInstanceId = null)
    {
        await _store.AddAsync(Letter, CancellationToken.None);
        return (await _store.UpdateAsync(Letter.Id, e => e with { Status = status, LastRetryInstanceId = lastRetryInstanceId }, CancellationToken.None))!.Entry;
    }

    private async Task<DeadLetterEntry> ReadAsync() => (await _store.GetAsync(Letter.Id, CancellationToken.None))!;

    [Fact]
    public async Task RecordDeadLetter_Record_AddsAndReturnsId()
    {
        var mock = new Mock<IDeadLetterStore>(MockBehavior.Strict);
        mock.Setup(s => s.AddAsync(Letter, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var id = await new DeadLetterActivities(mock.Object).RecordDeadLetter(Letter, CancellationToken.None);

        Assert.Equal(Letter.Id, id);
        mock.Verify(s => s.AddAsync(Letter, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task BeginDeadLetterRetry_Unknown_ReturnsNull()
    {
        Assert.Null(await Activities.BeginDeadLetterRetry("x", CancellationToken.None));
    }

    [Fact]
    public async Task BeginDeadLetterRetry_Open_MarksRetrying()
    {
        await StoredAsync(DeadLetterStatus.Open);

        var entry = await Activities.BeginDeadLetterRetry(Letter.Id, CancellationToken.None);

        Assert.Equal(DeadLetterStatus.Retrying, entry?.Status);
        Assert.Equal(DeadLetterStatus.Retrying, (await ReadAsync()).Status);
    }

    [Fact]
    public async Task BeginDeadLetterRetry_Resolved_ReturnsItUnchanged()
    {
        var resolved = await StoredAsync(DeadLetterStatus.Resolved);

        var entry = await Activities.BeginDeadLetterRetry(Letter.Id, CancellationToken.None);

        Assert.Equal(resolved, entry);
        Assert.Equal(resolved, await ReadAsync());
    }

    [Fact]
    public async Task BeginDeadLetterRetry_EmptyId_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Activities.BeginDeadLetterRetry(" ", CancellationToken.None));
    }

    [Fact]
    public async Task CompleteDeadLetterRetry_Succeeded_Resolves()
    {
        await StoredAsync(DeadLetterStatus.Retrying, "retry-1");

        Assert.True(await Activities.CompleteDeadLetterRetry(new(Letter.Id, true, null, "retry-1", At), CancellationToken.None));

        var saved = await ReadAsync();
        Assert.Equal(DeadLetterStatus.Resolved, saved.Status);
        Assert.Equal(1, saved.RetryCount);
        Assert.Equal("retry-1", saved.LastRetryInstanceId);
        Assert.Equal(At, saved.ResolvedAt);
        Assert.Contains("retry-1", saved.Resolution, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteDeadLetterRetry_Failed_MarksRetryFailedWithError()
    {
        await StoredAsync(DeadLetterStatus.Retrying, "retry-2");

        await Activities.CompleteDeadLetterRetry(new(Letter.Id, false, "still down", "retry-2", At), CancellationToken.None);

        var saved = await ReadAsync();
        Assert.Equal(DeadLetterStatus.RetryFailed, saved.Status);
        Assert.Equal("still down", saved.LastRetryError);
        Assert.Null(saved.ResolvedAt);
    }

    [Fact]
    public async Task CompleteDeadLetterRetry_AfterAnOperatorResolved_CountsTheRetryAndKeepsTheResolution()
    {
        await StoredAsync(DeadLetterStatus.Retrying, "retry-1");
        await _store.UpdateAsync(Letter.Id, e => e with { Status = DeadLetterStatus.Resolved, ResolvedAt = At, Resolution = "refunded by hand" }, CancellationToken.None);

        await Activities.CompleteDeadLetterRetry(new(Letter.Id, false, "still down", "retry-1", At.AddHours(1)), CancellationToken.None);

        var saved = await ReadAsync();
        Assert.Equal(DeadLetterStatus.Resolved, saved.Status);
        Assert.Equal("refunded by hand", saved.Resolution);
        Assert.Equal(At, saved.ResolvedAt);
        Assert.Null(saved.LastRetryError);
        Assert.Equal(1, saved.RetryCount);
    }

    [Fact]
    public async Task CompleteDeadLetterRetry_Unknown_ReturnsFalse()
    {
        Assert.False(await Activities.CompleteDeadLetterRetry(new("x", true, null, "r", At), CancellationToken.None));
    }
}
