using SagaFunctions.Http.Audit;

namespace SagaFunctions.FunctionApp.Tests.Storage;

/// <summary>
/// The one contract of <see cref="IAuditLog"/>, run against both stores (SQLite and Azure Table, on Azurite): every field
/// kept, newest first, idempotent append, each filter, the limit, awkward ids.
/// </summary>
public abstract class AuditLogContract
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 8, 0, 0, 123, TimeSpan.Zero);

    protected abstract IAuditLog Log { get; }

    public static AuditEntry Entry(int minute, string action = AuditActions.Cancel, string? instanceId = "o-1", string? deadLetterId = null) => new(
        $"{T0.AddMinutes(minute).UtcTicks:D19}-{minute:D4}", T0.AddMinutes(minute), action, "order", instanceId, deadLetterId, $"note {minute}", "alice");

    [Fact]
    public async Task AppendAsync_ThreeEntries_QueryReturnsThemNewestFirstWithEveryField()
    {
        foreach (var minute in new[] { 1, 3, 2 })
        {
            await Log.AppendAsync(Entry(minute), CancellationToken.None);
        }

        var entries = await Log.QueryAsync(new AuditQuery(), CancellationToken.None);

        Assert.Equal([Entry(3), Entry(2), Entry(1)], entries);
        Assert.All(entries, e => Assert.Equal(TimeSpan.Zero, e.At.Offset));
    }

    [Fact]
    public async Task AppendAsync_SameIdTwice_KeepsTheFirst()
    {
        await Log.AppendAsync(Entry(1), CancellationToken.None);

        await Log.AppendAsync(Entry(1) with { Note = "second" }, CancellationToken.None);

        Assert.Equal(Entry(1), Assert.Single(await Log.QueryAsync(new AuditQuery(), CancellationToken.None)));
    }

    [Fact]
    public async Task QueryAsync_EachFilter_ReturnsOnlyMatchingEntries()
    {
        await Log.AppendAsync(Entry(1, AuditActions.Cancel, "o-1"), CancellationToken.None);
        await Log.AppendAsync(Entry(2, AuditActions.Terminate, "o-2"), CancellationToken.None);
        await Log.AppendAsync(Entry(3, AuditActions.DeadLetterResolve, "o-1", "o-1:ChargePayment"), CancellationToken.None);
        await Log.AppendAsync(Entry(4, AuditActions.DeadLetterRetry, "o-1", "o-1:ChargePayment"), CancellationToken.None);

        async Task<List<int>> Minutes(AuditQuery query) =>
            [.. (await Log.QueryAsync(query, CancellationToken.None)).Select(e => (int)(e.At - T0).TotalMinutes)];

        Assert.Equal(new List<int> { 2 }, await Minutes(new AuditQuery(Action: AuditActions.Terminate)));
        Assert.Equal(new List<int> { 4, 3, 1 }, await Minutes(new AuditQuery(InstanceId: "o-1")));
        Assert.Equal(new List<int> { 4, 3 }, await Minutes(new AuditQuery(DeadLetterId: "o-1:ChargePayment")));
        Assert.Equal(new List<int> { 3, 2 }, await Minutes(new AuditQuery(From: T0.AddMinutes(2), To: T0.AddMinutes(4))));
        Assert.Equal(new List<int> { 4, 3 }, await Minutes(new AuditQuery(Limit: 2)));
        Assert.Equal(new List<int> { 3 }, await Minutes(new AuditQuery(Action: AuditActions.DeadLetterResolve, InstanceId: "o-1", From: T0)));
        Assert.Empty(await Minutes(new AuditQuery(InstanceId: "o-3")));
    }

    [Theory]
    [InlineData("' or ''=' and RowKey ne '")]
    [InlineData("slash/back\\slash#hash?query")]
    [InlineData("ünïcödé-日本語-😀")]
    public async Task QueryAsync_AwkwardInstanceId_FoundByThatIdOnly(string instanceId)
    {
        await Log.AppendAsync(Entry(1, instanceId: instanceId), CancellationToken.None);
        await Log.AppendAsync(Entry(2, instanceId: "other"), CancellationToken.None);

        var found = await Log.QueryAsync(new AuditQuery(InstanceId: instanceId), CancellationToken.None);

        Assert.Equal(instanceId, Assert.Single(found).InstanceId);
    }
}
