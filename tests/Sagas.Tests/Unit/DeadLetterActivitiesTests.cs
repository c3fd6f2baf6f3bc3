using Moq;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.DeadLetters;

namespace SagaFunctions.Sagas.Tests.Unit;

public class DeadLetterActivitiesTests
{
    private static readonly DateTime At = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly DeadLetter Letter = new(
        "i-1:RefundPayment", "order", "i-1", "ChargePayment", "RefundPayment", "{}", "System.Exception", "down", 5, At, At);

    private readonly Mock<IDeadLetterStore> store = new(MockBehavior.Strict);

    private static DeadLetterEntry Entry(DeadLetterStatus status) => new(Letter, status, 0, null, null, null, null);

    [Fact]
    public async Task RecordDeadLetter_Record_AddsAndReturnsId()
    {
        store.Setup(s => s.AddAsync(Letter, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var id = await new DeadLetterActivities(store.Object).RecordDeadLetter(Letter, CancellationToken.None);

        Assert.Equal(Letter.Id, id);
        store.Verify(s => s.AddAsync(Letter, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task BeginDeadLetterRetry_Unknown_ReturnsNull()
    {
        store.Setup(s => s.GetAsync("x", It.IsAny<CancellationToken>())).ReturnsAsync((DeadLetterEntry?)null);

        Assert.Null(await new DeadLetterActivities(store.Object).BeginDeadLetterRetry("x", CancellationToken.None));
    }

    [Fact]
    public async Task BeginDeadLetterRetry_Open_MarksRetrying()
    {
        store.Setup(s => s.GetAsync(Letter.Id, It.IsAny<CancellationToken>())).ReturnsAsync(Entry(DeadLetterStatus.Open));
        store.Setup(s => s.UpdateAsync(It.Is<DeadLetterEntry>(e => e.Status == DeadLetterStatus.Retrying), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var entry = await new DeadLetterActivities(store.Object).BeginDeadLetterRetry(Letter.Id, CancellationToken.None);

        Assert.Equal(DeadLetterStatus.Retrying, entry?.Status);
        store.Verify(s => s.UpdateAsync(It.IsAny<DeadLetterEntry>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task BeginDeadLetterRetry_Resolved_ReturnsItUnchanged()
    {
        store.Setup(s => s.GetAsync(Letter.Id, It.IsAny<CancellationToken>())).ReturnsAsync(Entry(DeadLetterStatus.Resolved));

        var entry = await new DeadLetterActivities(store.Object).BeginDeadLetterRetry(Letter.Id, CancellationToken.None);

        Assert.Equal(DeadLetterStatus.Resolved, entry?.Status);
    }

    [Fact]
    public async Task BeginDeadLetterRetry_EmptyId_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => new DeadLetterActivities(store.Object).BeginDeadLetterRetry(" ", CancellationToken.None));
    }

    [Fact]
    public async Task CompleteDeadLetterRetry_Succeeded_Resolves()
    {
        DeadLetterEntry? saved = null;
        store.Setup(s => s.GetAsync(Letter.Id, It.IsAny<CancellationToken>())).ReturnsAsync(Entry(DeadLetterStatus.Retrying));
        store.Setup(s => s.UpdateAsync(It.IsAny<DeadLetterEntry>(), It.IsAny<CancellationToken>()))
            .Callback<DeadLetterEntry, CancellationToken>((e, _) => saved = e).ReturnsAsync(true);

        Assert.True(await new DeadLetterActivities(store.Object).CompleteDeadLetterRetry(new(Letter.Id, true, null, "retry-1", At), CancellationToken.None));

        Assert.Equal(DeadLetterStatus.Resolved, saved!.Status);
        Assert.Equal(1, saved.RetryCount);
        Assert.Equal("retry-1", saved.LastRetryInstanceId);
        Assert.Equal(At, saved.ResolvedAt);
        Assert.Contains("retry-1", saved.Resolution, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteDeadLetterRetry_Failed_MarksRetryFailedWithError()
    {
        DeadLetterEntry? saved = null;
        store.Setup(s => s.GetAsync(Letter.Id, It.IsAny<CancellationToken>())).ReturnsAsync(Entry(DeadLetterStatus.Retrying));
        store.Setup(s => s.UpdateAsync(It.IsAny<DeadLetterEntry>(), It.IsAny<CancellationToken>()))
            .Callback<DeadLetterEntry, CancellationToken>((e, _) => saved = e).ReturnsAsync(true);

        await new DeadLetterActivities(store.Object).CompleteDeadLetterRetry(new(Letter.Id, false, "still down", "retry-2", At), CancellationToken.None);

        Assert.Equal(DeadLetterStatus.RetryFailed, saved!.Status);
        Assert.Equal("still down", saved.LastRetryError);
        Assert.Null(saved.ResolvedAt);
    }

    [Fact]
    public async Task CompleteDeadLetterRetry_Unknown_ReturnsFalse()
    {
        store.Setup(s => s.GetAsync("x", It.IsAny<CancellationToken>())).ReturnsAsync((DeadLetterEntry?)null);

        Assert.False(await new DeadLetterActivities(store.Object).CompleteDeadLetterRetry(new("x", true, null, "r", At), CancellationToken.None));
    }
}
