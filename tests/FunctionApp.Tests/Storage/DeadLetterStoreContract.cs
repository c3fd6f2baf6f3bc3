using System.Text;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Sagas.DeadLetters;

namespace SagaFunctions.FunctionApp.Tests.Storage;

/// <summary>
/// The one contract of <see cref="IDeadLetterStore"/>, run against every store (SQLite and Azure Table, on Azurite):
/// record/get/list, paging past the Table service's 1,000 entities per page, idempotent re-record, one id = one record
/// whatever the saga name, status transitions through the real dead-letter activities, optimistic concurrency (no lost
/// update under concurrent writers; a resolve is never overwritten by a stale retry), awkward ids and inputs of 1 MiB
/// and more.
/// </summary>
public abstract class DeadLetterStoreContract
{
    private static readonly DateTime T0 = new(2030, 1, 1, 8, 0, 0, 123, DateTimeKind.Utc);

    /// <summary>A fresh, empty store for one test.</summary>
    protected abstract IDeadLetterStore Store { get; }

    public static TheoryData<string> AwkwardIds => new()
    {
        "o-1:RefundPayment",
        "slash/back\\slash#hash?query:Step",
        "tab\tnew\nline\r\u0001\u007f\u009f:Step",
        "~7E~tilde~:Step",
        "quote'double\"back`tick:Step",
        "percent%20plus+space amp&eq=semi;:Step",
        "ünïcödé-日本語-😀-𝄞:Step",
        " leading and trailing :Step ",
        "' or ''=' and RowKey ne ':Step",
        "..",
        new string('x', 100) + ":" + new string('y', 100),
    };

    public static DeadLetter Letter(string id, int minute = 0, string saga = "order", string? input = null) => new(
        id, saga, id.Split(':')[0], "ChargePayment", "RefundPayment", input ?? """{"paymentId":"p-1","idempotencyKey":"k-1"}""",
        "System.Net.Http.HttpRequestException", "payments is down", 5, T0.AddMinutes(minute), T0.AddMinutes(minute + 1));

    /// <summary>
    /// A JSON object of at least <paramref name="minChars"/> characters with non-ASCII text and surrogate pairs all
    /// the way through, so that any chunk boundary can fall inside a multi-unit character.
    /// </summary>
    public static string LargeJson(int minChars, string seed)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < minChars; i++)
        {
            text.Append(seed).Append(i).Append(" ünï 😀𝄞 \\\" ");
        }

        return $$"""{"idempotencyKey":"k-1","blob":"{{text}}"}""";
    }

    [Fact]
    public async Task AddAsync_NewRecord_GetReturnsItOpenAndUntouched()
    {
        var letter = Letter("o-1:RefundPayment");

        await Store.AddAsync(letter, CancellationToken.None);

        var entry = await Store.GetAsync(letter.Id, CancellationToken.None);
        Assert.Equal(new DeadLetterEntry(letter, DeadLetterStatus.Open, 0, null, null, null, null), entry);
        Assert.Equal(DateTimeKind.Utc, entry!.Record.FirstFailureAt.Kind);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        await Store.AddAsync(Letter("o-1:RefundPayment"), CancellationToken.None);

        Assert.Null(await Store.GetAsync("o-2:RefundPayment", CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_SameIdTwice_KeepsTheFirstRecordAndItsState()
    {
        var first = Letter("o-1:RefundPayment");
        await Store.AddAsync(first, CancellationToken.None);
        await Store.UpdateAsync(first.Id, e => e with { Status = DeadLetterStatus.RetryFailed, RetryCount = 1 }, CancellationToken.None);

        await Store.AddAsync(first with { ErrorMessage = "second write", Attempts = 9 }, CancellationToken.None);

        var entry = await Store.GetAsync(first.Id, CancellationToken.None);
        Assert.Equal(first, entry!.Record);
        Assert.Equal((DeadLetterStatus.RetryFailed, 1), (entry.Status, entry.RetryCount));
        Assert.Single(await Store.ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_SameIdUnderAnotherSagaName_IsOneRecord()
    {
        var first = Letter("shared-1:Step", saga: "order");
        await Store.AddAsync(first, CancellationToken.None);

        await Store.AddAsync(first with { SagaName = "money-transfer", ErrorMessage = "other saga" }, CancellationToken.None);

        Assert.Equal(first, (await Store.GetAsync(first.Id, CancellationToken.None))!.Record);
        Assert.Equal([first], (await Store.ListAsync(null, CancellationToken.None)).Select(e => e.Record));
    }

    [Fact]
    public async Task ListAsync_MoreThanOnePageOfEntries_ReturnsEveryEntryOldestFirst()
    {
        const int count = 1_005; // the Table service answers at most 1,000 entities per page
        var letters = Enumerable.Range(0, count).Select(i => Letter($"o-{i:D4}:RefundPayment", minute: count - i)).ToList();
        await Parallel.ForEachAsync(letters, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (l, ct) => await Store.AddAsync(l, ct));
        await Store.UpdateAsync(letters[7].Id, e => e with { Status = DeadLetterStatus.Resolved }, CancellationToken.None);

        var all = await Store.ListAsync(null, CancellationToken.None);
        var open = await Store.ListAsync(DeadLetterStatus.Open, CancellationToken.None);

        Assert.Equal(letters.AsEnumerable().Reverse().Select(l => l.Id), all.Select(e => e.Record.Id));
        Assert.Equal(count - 1, open.Count);
        Assert.DoesNotContain(open, e => e.Record.Id == letters[7].Id);
    }

    [Fact]
    public async Task ListAsync_ByStatus_FiltersOldestFailureFirst()
    {
        await Store.AddAsync(Letter("b:Step", 5), CancellationToken.None);
        await Store.AddAsync(Letter("a:Step", 9), CancellationToken.None);
        await Store.AddAsync(Letter("c:Step", 1), CancellationToken.None);
        await Store.UpdateAsync("c:Step", e => e with { Status = DeadLetterStatus.RetryFailed }, CancellationToken.None);

        var open = await Store.ListAsync(DeadLetterStatus.Open, CancellationToken.None);
        var failed = await Store.ListAsync(DeadLetterStatus.RetryFailed, CancellationToken.None);
        var all = await Store.ListAsync(null, CancellationToken.None);

        Assert.Equal(["b:Step", "a:Step"], open.Select(e => e.Record.Id));
        Assert.Equal(["c:Step"], failed.Select(e => e.Record.Id));
        Assert.Equal(["c:Step", "b:Step", "a:Step"], all.Select(e => e.Record.Id));
        Assert.Empty(await Store.ListAsync(DeadLetterStatus.Resolved, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_RetryLifecycle_EveryTransitionStoredAndTheRecordUnchanged()
    {
        var letter = Letter("o-1:RefundPayment");
        await Store.AddAsync(letter, CancellationToken.None);
        var activities = new DeadLetterActivities(Store);

        var retrying = await activities.BeginDeadLetterRetry(letter.Id, CancellationToken.None);
        var afterBegin = await Store.GetAsync(letter.Id, CancellationToken.None);
        await activities.CompleteDeadLetterRetry(new(letter.Id, false, "still down", "r-1", T0.AddHours(1)), CancellationToken.None);
        var afterFailure = await Store.GetAsync(letter.Id, CancellationToken.None);
        await activities.BeginDeadLetterRetry(letter.Id, CancellationToken.None);
        await activities.CompleteDeadLetterRetry(new(letter.Id, true, null, "r-2", T0.AddHours(2)), CancellationToken.None);
        var resolved = await Store.GetAsync(letter.Id, CancellationToken.None);
        var again = await activities.BeginDeadLetterRetry(letter.Id, CancellationToken.None);

        Assert.Equal(DeadLetterStatus.Retrying, retrying!.Status);
        Assert.Equal(retrying, afterBegin);
        Assert.Equal((DeadLetterStatus.RetryFailed, 1, "r-1", "still down"), (afterFailure!.Status, afterFailure.RetryCount, afterFailure.LastRetryInstanceId, afterFailure.LastRetryError));
        Assert.Equal((DeadLetterStatus.Resolved, 2, "r-2", (string?)null, (DateTime?)T0.AddHours(2)), (resolved!.Status, resolved.RetryCount, resolved.LastRetryInstanceId, resolved.LastRetryError, resolved.ResolvedAt));
        Assert.Equal(DateTimeKind.Utc, resolved.ResolvedAt!.Value.Kind);
        Assert.Equal("compensated by retry r-2", resolved.Resolution);
        Assert.Equal(resolved, again);
        Assert.Equal(letter, resolved.Record);
    }

    [Fact]
    public async Task UpdateAsync_UnknownId_ReturnsNullAndCreatesNothing()
    {
        var called = false;

        var update = await Store.UpdateAsync("x:y", e => { called = true; return e; }, CancellationToken.None);

        Assert.Null(update);
        Assert.False(called);
        Assert.Null(await Store.GetAsync("x:y", CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_ChangeReturnsNull_LeavesTheEntryAndReportsUnchanged()
    {
        var letter = Letter("o-1:RefundPayment");
        await Store.AddAsync(letter, CancellationToken.None);

        var update = await Store.UpdateAsync(letter.Id, _ => null, CancellationToken.None);

        Assert.False(update!.Changed);
        Assert.Equal(await Store.GetAsync(letter.Id, CancellationToken.None), update.Entry);
    }

    [Fact]
    public async Task UpdateAsync_ChangeRewritesTheRecord_OnlyTheReviewStateIsStored()
    {
        var letter = Letter("o-1:RefundPayment");
        await Store.AddAsync(letter, CancellationToken.None);

        var update = await Store.UpdateAsync(
            letter.Id, e => e with { Record = e.Record with { InputJson = "{}", SagaName = "other" }, Status = DeadLetterStatus.Resolved }, CancellationToken.None);

        var stored = await Store.GetAsync(letter.Id, CancellationToken.None);
        Assert.Equal(letter, stored!.Record);
        Assert.Equal(DeadLetterStatus.Resolved, stored.Status);
        Assert.Equal(stored, update!.Entry);
    }

    [Fact]
    public async Task CompleteDeadLetterRetry_EightConcurrentCompletions_CountsEveryRetry()
    {
        const int writers = 8;
        var letter = Letter("o-1:RefundPayment");
        await Store.AddAsync(letter, CancellationToken.None);
        var activities = new DeadLetterActivities(Store);

        var results = await Task.WhenAll(Enumerable.Range(1, writers).Select(i => Task.Run(() =>
            activities.CompleteDeadLetterRetry(new(letter.Id, false, $"down {i}", $"r-{i}", T0), CancellationToken.None))));

        var entry = await Store.GetAsync(letter.Id, CancellationToken.None);
        Assert.All(results, Assert.True);
        Assert.Equal(writers, entry!.RetryCount);
        Assert.Equal(DeadLetterStatus.RetryFailed, entry.Status);
    }

    [Fact]
    public async Task UpdateAsync_SixteenConcurrentIncrements_NoUpdateIsLost()
    {
        const int writers = 16;
        var letter = Letter("o-1:RefundPayment");
        await Store.AddAsync(letter, CancellationToken.None);

        var updates = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() =>
            Store.UpdateAsync(letter.Id, e => e with { RetryCount = e.RetryCount + 1 }, CancellationToken.None))));

        Assert.Equal(writers, (await Store.GetAsync(letter.Id, CancellationToken.None))!.RetryCount);
        Assert.Equal(Enumerable.Range(1, writers), updates.Select(u => u!.Entry.RetryCount).Order());
    }

    [Fact]
    public async Task UpdateAsync_AResolveLandsBetweenARetrysReadAndWrite_TheResolveStays()
    {
        var letter = Letter("o-1:RefundPayment");
        await Store.AddAsync(letter, CancellationToken.None);
        await Store.UpdateAsync(letter.Id, e => e with { Status = DeadLetterStatus.Retrying, LastRetryInstanceId = "r-1" }, CancellationToken.None);
        var completion = new DeadLetterRetryCompletion(letter.Id, false, "still down", "r-1", T0.AddHours(1));
        var seen = new List<DeadLetterStatus>();

        var update = await Store.UpdateAsync(
            letter.Id,
            e =>
            {
                seen.Add(e.Status);
                if (seen.Count == 1)
                {
                    // An operator resolves after the retry read the entry and before it writes.
                    Store.UpdateAsync(letter.Id, r => r with { Status = DeadLetterStatus.Resolved, ResolvedAt = T0, Resolution = "refunded by hand" }, CancellationToken.None)
                        .GetAwaiter().GetResult();
                }

                return DeadLetterActivities.Complete(e, completion);
            },
            CancellationToken.None);

        var stored = await Store.GetAsync(letter.Id, CancellationToken.None);
        Assert.Equal([DeadLetterStatus.Retrying, DeadLetterStatus.Resolved], seen);
        Assert.Equal((DeadLetterStatus.Resolved, "refunded by hand", (DateTime?)T0, 1), (stored!.Status, stored.Resolution, stored.ResolvedAt, stored.RetryCount));
        Assert.Equal(stored, update!.Entry);
    }

    [Fact]
    public async Task UpdateAsync_AResolveRacingEightFailedRetries_StaysResolvedAndCountsEveryRetry()
    {
        var letter = Letter("o-1:RefundPayment");
        await Store.AddAsync(letter, CancellationToken.None);
        var activities = new DeadLetterActivities(Store);

        var retries = Enumerable.Range(1, 8).Select(i => Task.Run(() =>
            activities.CompleteDeadLetterRetry(new(letter.Id, false, "still down", $"r-{i}", T0), CancellationToken.None)));
        var resolve = Task.Run(() => Store.UpdateAsync(
            letter.Id, e => e.Status == DeadLetterStatus.Resolved ? null : e with { Status = DeadLetterStatus.Resolved, ResolvedAt = T0, Resolution = "closed" }, CancellationToken.None));
        await Task.WhenAll([.. retries, resolve]);

        var stored = await Store.GetAsync(letter.Id, CancellationToken.None);
        Assert.True((await resolve)!.Changed);
        Assert.Equal((DeadLetterStatus.Resolved, "closed", 8), (stored!.Status, stored.Resolution, stored.RetryCount));
    }

    [Theory]
    [MemberData(nameof(AwkwardIds))]
    public async Task AddAsync_AwkwardId_RecordedReadListedAndUpdatedUnderThatId(string id)
    {
        var letter = Letter(id);
        await Store.AddAsync(Letter("neighbour:Step"), CancellationToken.None);

        await Store.AddAsync(letter, CancellationToken.None);
        var update = await Store.UpdateAsync(id, e => e with { Status = DeadLetterStatus.Resolved, Resolution = id }, CancellationToken.None);

        var stored = await Store.GetAsync(id, CancellationToken.None);
        Assert.Equal(letter, stored!.Record);
        Assert.Equal((DeadLetterStatus.Resolved, id), (stored.Status, stored.Resolution));
        Assert.True(update!.Changed);
        Assert.Equal(
            new[] { id, "neighbour:Step" }.Order(StringComparer.Ordinal),
            (await Store.ListAsync(null, CancellationToken.None)).Select(e => e.Record.Id));
        Assert.Equal(DeadLetterStatus.Open, (await Store.GetAsync("neighbour:Step", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task AddAsync_InputOverOneMebibyte_IsReadBackWholeByGetListAndUpdate()
    {
        var input = LargeJson(1_100_000, "a");
        var letter = Letter("o-1:RefundPayment", input: input);

        await Store.AddAsync(letter, CancellationToken.None);
        var update = await Store.UpdateAsync(letter.Id, e => e with { Status = DeadLetterStatus.RetryFailed }, CancellationToken.None);

        Assert.True(input.Length >= 1 << 20);
        Assert.Equal(input, (await Store.GetAsync(letter.Id, CancellationToken.None))!.Record.InputJson);
        Assert.Equal(input, Assert.Single(await Store.ListAsync(DeadLetterStatus.RetryFailed, CancellationToken.None)).Record.InputJson);
        Assert.Equal(input, update!.Entry.Record.InputJson);
        Assert.Equal(letter, (await Store.GetAsync(letter.Id, CancellationToken.None))!.Record);
    }

    [Fact]
    public async Task AddAsync_InputJustOverOneProperty_IsReadBackWhole()
    {
        var input = LargeJson(32_769, "b");
        var letter = Letter("o-1:RefundPayment", input: input);

        await Store.AddAsync(letter, CancellationToken.None);

        Assert.Equal(input, (await Store.GetAsync(letter.Id, CancellationToken.None))!.Record.InputJson);
    }

    [Fact]
    public async Task AddAsync_SameIdTwiceWithLargeInputs_KeepsTheFirstInput()
    {
        var first = Letter("o-1:RefundPayment", input: LargeJson(500_000, "first"));
        await Store.AddAsync(first, CancellationToken.None);

        await Store.AddAsync(first with { InputJson = LargeJson(700_000, "second") }, CancellationToken.None);

        Assert.Equal(first, (await Store.GetAsync(first.Id, CancellationToken.None))!.Record);
    }

    [Fact]
    public async Task UpdateAsync_Escalated_EscalatedAtStoredAndKeptByLaterUpdates()
    {
        var letter = Letter("o-1:RefundPayment");
        await Store.AddAsync(letter, CancellationToken.None);

        var escalated = await Store.UpdateAsync(letter.Id, e => e.EscalatedAt is null ? e with { EscalatedAt = T0.AddHours(5) } : null, CancellationToken.None);
        var again = await Store.UpdateAsync(letter.Id, e => e.EscalatedAt is null ? e with { EscalatedAt = T0.AddHours(6) } : null, CancellationToken.None);
        await Store.UpdateAsync(letter.Id, e => e with { RetryCount = 1 }, CancellationToken.None);
        var stored = await Store.GetAsync(letter.Id, CancellationToken.None);

        Assert.True(escalated!.Changed);
        Assert.False(again!.Changed);
        Assert.Equal(T0.AddHours(5), stored!.EscalatedAt);
        Assert.Equal(DateTimeKind.Utc, stored.EscalatedAt!.Value.Kind);
        Assert.Equal(1, stored.RetryCount);
    }

    [Fact]
    public async Task PurgeResolvedAsync_ResolvedBeforeTheCutoff_DeletesOnlyThose()
    {
        foreach (var (id, minute) in new[] { ("old:Step", 0), ("new:Step", 1), ("open:Step", 2), ("big:Step", 3) })
        {
            await Store.AddAsync(Letter(id, minute, input: id == "big:Step" ? LargeJson(40_000, "big") : null), CancellationToken.None);
        }

        await Resolve("old:Step", T0.AddDays(1));
        await Resolve("big:Step", T0.AddDays(1));
        await Resolve("new:Step", T0.AddDays(3));

        var purged = await Store.PurgeResolvedAsync(T0.AddDays(2), CancellationToken.None);
        var left = await Store.ListAsync(null, CancellationToken.None);

        Assert.Equal(2, purged);
        Assert.Equal(["new:Step", "open:Step"], left.Select(e => e.Record.Id).Order(StringComparer.Ordinal));
        Assert.Null(await Store.GetAsync("big:Step", CancellationToken.None));
        Assert.Equal(0, await Store.PurgeResolvedAsync(T0.AddDays(2), CancellationToken.None));

        Task Resolve(string id, DateTime at) =>
            Store.UpdateAsync(id, e => e with { Status = DeadLetterStatus.Resolved, ResolvedAt = at, Resolution = "by hand" }, CancellationToken.None);
    }
}
