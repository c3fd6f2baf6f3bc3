using Microsoft.Data.Sqlite;
using SagaFunctions.Kernel;

namespace SagaFunctions.Runtime.Tests;

public sealed class BadInputTests
{
    private sealed class Node
    {
        public Node? Next { get; set; }
    }

    [Fact]
    public async Task StartAsync_UnknownOrchestrator_ThrowsNamingItAndWritesNothing()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder().AddOrder());

        var ex = await Assert.ThrowsAsync<UnknownOrchestratorException>(() => runtime.Client.StartAsync("Nope", null, "n"));

        Assert.Equal("Nope", ex.OrchestratorName);
        Assert.Contains("'Nope'", ex.Message, StringComparison.Ordinal);
        Assert.Null(await runtime.Client.GetStatusAsync("n"));
    }

    [Fact]
    public async Task StartAsync_OversizedInput_ThrowsPayloadTooLargeAndWritesNothing()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder().AddOrder().Configure(o => o.MaxPayloadBytes = 1024));

        var ex = await Assert.ThrowsAsync<PayloadTooLargeException>(() => runtime.Client.StartAsync(Workflows.Order, new string('x', 2000), "big"));

        Assert.Equal(1024, ex.LimitBytes);
        Assert.Equal(2002, ex.SizeBytes);
        Assert.Contains("input of orchestrator 'Order'", ex.Message, StringComparison.Ordinal);
        Assert.Null(await runtime.Client.GetStatusAsync("big"));
    }

    [Fact]
    public async Task StartAsync_MultiByteInputOverLimit_CountsUtf8Bytes()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder().AddOrder().Configure(o => o.MaxPayloadBytes = 100));

        // 40 characters, each 3 UTF-8 bytes when unescaped; the web defaults escape them as \uXXXX (6 bytes each).
        var ex = await Assert.ThrowsAsync<PayloadTooLargeException>(() => runtime.Client.StartAsync(Workflows.Order, new string('€', 40), "mb"));

        Assert.True(ex.SizeBytes > 100);
    }

    [Fact]
    public async Task StartAsync_UnserializableInput_ThrowsPayloadSerializationNamingType()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder().AddOrder());
        var cycle = new Node();
        cycle.Next = cycle;

        var ex = await Assert.ThrowsAsync<PayloadSerializationException>(() => runtime.Client.StartAsync(Workflows.Order, cycle, "cyc"));

        Assert.Contains(typeof(Node).FullName!, ex.Message, StringComparison.Ordinal);
        Assert.Null(await runtime.Client.GetStatusAsync("cyc"));
    }

    [Fact]
    public async Task RaiseEventAsync_OversizedPayload_ThrowsAndInstanceUnaffected()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxPayloadBytes = 64)
            .AddOrchestrator("Wait", async ctx => await ctx.WaitForExternalEvent<string>("e")));
        await runtime.Client.StartAsync("Wait", null, "w");

        await Assert.ThrowsAsync<PayloadTooLargeException>(() => runtime.Client.RaiseEventAsync("w", "e", new string('y', 100)));
        await runtime.Client.RaiseEventAsync("w", "e", "small");
        var status = await runtime.Client.WaitForCompletionAsync("w");

        Assert.Equal("\"small\"", status.SerializedOutput);
    }

    [Fact]
    public async Task CallActivityAsync_UnknownActivity_FailsInstanceNamingActivity()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddOrchestrator("Typo", async ctx => await ctx.CallActivityAsync<int>("ChargePaymnet", 1)));

        await runtime.Client.StartAsync("Typo", null, "typo");
        var status = await runtime.Client.WaitForCompletionAsync("typo");

        Assert.Equal(typeof(UnknownActivityException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("'ChargePaymnet'", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallActivityAsync_OversizedInput_ThrowsInOrchestratorBeforeScheduling()
    {
        await using var fixture = new RuntimeFixture();
        var calls = 0;
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxPayloadBytes = 128)
            .AddOrchestrator("BigArg", async ctx =>
            {
                try
                {
                    return await ctx.CallActivityAsync<int>("Count", new string('z', 500));
                }
                catch (PayloadTooLargeException ex)
                {
                    return ex.What;
                }
            })
            .AddActivity<string, int>("Count", (_, _) => Task.FromResult(Interlocked.Increment(ref calls))));

        await runtime.Client.StartAsync("BigArg", null, "ba");
        var status = await runtime.Client.WaitForCompletionAsync("ba");

        Assert.Equal("\"input of activity \\u0027Count\\u0027\"", status.SerializedOutput);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Activity_OversizedOutput_SurfacesAsActivityFailure()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxPayloadBytes = 128)
            .AddOrchestrator("BigResult", async ctx =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Huge", 1);
                }
                catch (ActivityFailedException ex)
                {
                    return ex.ErrorType;
                }
            })
            .AddActivity<int, string>("Huge", (_, _) => Task.FromResult(new string('h', 1000))));

        await runtime.Client.StartAsync("BigResult", null, "br");
        var status = await runtime.Client.WaitForCompletionAsync("br");

        Assert.Equal($"\"{typeof(PayloadTooLargeException).FullName}\"", status.SerializedOutput);
    }

    [Fact]
    public async Task Orchestrator_OversizedOutput_FailsInstanceClearly()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxPayloadBytes = 64)
            .AddOrchestrator("BigOut", _ => Task.FromResult<object?>(new string('o', 200))));

        await runtime.Client.StartAsync("BigOut", null, "bo");
        var status = await runtime.Client.WaitForCompletionAsync("bo");

        Assert.Equal(typeof(PayloadTooLargeException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("output of orchestrator 'BigOut'", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetCustomStatus_Oversized_ThrowsInOrchestrator()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .Configure(o => o.MaxPayloadBytes = 64)
            .AddOrchestrator("BigStatus", ctx =>
            {
                ctx.SetCustomStatus(new string('s', 200));
                return Task.FromResult<object?>(null);
            }));

        await runtime.Client.StartAsync("BigStatus", null, "bs");
        var status = await runtime.Client.WaitForCompletionAsync("bs");

        Assert.Equal(typeof(PayloadTooLargeException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("custom status", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_CorruptDatabaseFile_ThrowsDurableStoreException()
    {
        using var temp = new TempFolder();
        var path = temp.File("corrupt.db");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray());
        var runtime = new DurableRuntimeBuilder().UseSqlite(path).AddOrder().Build();

        var ex = await Assert.ThrowsAsync<DurableStoreException>(() => runtime.StartAsync());
        await runtime.DisposeAsync();

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseSqlite_MissingFolder_IsCreated()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "nested", "deeper", "runtime.db");
        await using var runtime = new DurableRuntimeBuilder().UseSqlite(path).AddOrder().Build();

        await runtime.StartAsync();

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task StartAsync_NewerSchemaVersion_ThrowsDurableStoreException()
    {
        using var temp = new TempFolder();
        var path = temp.File("newer.db");
        await using (var first = new DurableRuntimeBuilder().UseSqlite(path).AddOrder().Build())
        {
            await first.StartAsync();
        }

        Execute(path, "PRAGMA user_version=7");
        var runtime = new DurableRuntimeBuilder().UseSqlite(path).AddOrder().Build();

        var ex = await Assert.ThrowsAsync<DurableStoreException>(() => runtime.StartAsync());
        await runtime.DisposeAsync();

        Assert.Contains("schema version is 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_OtherApplicationsDatabase_ThrowsDurableStoreException()
    {
        using var temp = new TempFolder();
        var path = temp.File("other.db");
        Execute(path, "PRAGMA application_id=42; CREATE TABLE x(y)");
        var runtime = new DurableRuntimeBuilder().UseSqlite(path).AddOrder().Build();

        var ex = await Assert.ThrowsAsync<DurableStoreException>(() => runtime.StartAsync());
        await runtime.DisposeAsync();

        Assert.Contains("another application", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_TablesMissing_ThrowsDurableStoreException()
    {
        using var temp = new TempFolder();
        var path = temp.File("partial.db");
        Execute(path, "PRAGMA user_version=1");
        var runtime = new DurableRuntimeBuilder().UseSqlite(path).AddOrder().Build();

        var ex = await Assert.ThrowsAsync<DurableStoreException>(() => runtime.StartAsync());
        await runtime.DisposeAsync();

        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_FileOwnedByAnotherRuntime_ThrowsInUse()
    {
        using var temp = new TempFolder();
        var path = temp.File("owned.db");
        await using var owner = new DurableRuntimeBuilder().UseSqlite(path).AddOrder().Build();
        await owner.StartAsync();
        await using var intruder = new DurableRuntimeBuilder().UseSqlite(path).AddOrder().Build();

        var ex = await Assert.ThrowsAsync<DurableStoreException>(() => intruder.StartAsync());

        Assert.Contains("in use", ex.Message, StringComparison.Ordinal);
        await owner.Client.StartAsync(Workflows.Order, new OrderInput("still-works", 1), "ok");
        Assert.Equal(OrchestrationStatus.Completed, (await owner.Client.WaitForCompletionAsync("ok")).RuntimeStatus);
    }

    [Fact]
    public void Build_InvalidOptionsOrNoStore_ThrowsClearly()
    {
        Assert.Throws<InvalidOperationException>(() => new DurableRuntimeBuilder().Build());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DurableRuntimeBuilder().UseInMemory().Configure(o => o.ActivityConcurrency = 0).Build());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DurableRuntimeBuilder().UseInMemory().Configure(o => o.ActivityLease = TimeSpan.Zero).Build());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DurableRuntimeBuilder().UseInMemory().Configure(o => o.Synchronous = (SqliteSynchronous)9).Build());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DurableRuntimeBuilder().UseInMemory().Configure(o => o.MaxPayloadBytes = 1).Build());
    }

    [Fact]
    public void AddOrchestratorOrActivity_DuplicateName_ThrowsArgumentException()
    {
        var builder = new DurableRuntimeBuilder().AddOrder();

        Assert.Throws<ArgumentException>(() => builder.AddOrchestrator(Workflows.Order, _ => Task.FromResult<object?>(null)));
        Assert.Throws<ArgumentException>(() => builder.AddActivity<int, int>(Workflows.Step, (x, _) => Task.FromResult(x)));
        Assert.Throws<ArgumentException>(() => builder.AddActivity(" ", typeof(int), (x, _) => Task.FromResult(x)));
    }

    [Fact]
    public async Task AddActivity_NonGeneric_DeserializesInputTypeAndSerializesRuntimeType()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder()
            .AddActivity("Describe", typeof(OrderInput), (input, _) =>
            {
                var order = (OrderInput)input!;
                return Task.FromResult<object?>(new { order.OrderId, Doubled = order.Amount * 2 });
            })
            .AddOrchestrator("UsesCatalog", async ctx => await ctx.CallActivityAsync<Dictionary<string, object>>("Describe", new OrderInput("A-1", 2.5m))));

        await runtime.Client.StartAsync("UsesCatalog", null, "cat");
        var status = await runtime.Client.WaitForCompletionAsync("cat");

        Assert.Equal("{\"orderId\":\"A-1\",\"doubled\":5.0}", status.SerializedOutput);
    }

    [Fact]
    public async Task Restart_OrchestratorNoLongerRegistered_InstanceFailsNamingIt()
    {
        using var temp = new TempFolder();
        var path = temp.File("renamed.db");
        await using var fixture = new RuntimeFixture();
        var first = await fixture.StartAsync(fixture.Builder(path)
            .AddOrchestrator("OldName", async ctx => await ctx.WaitForExternalEvent<int>("go")));
        await first.Client.StartAsync("OldName", null, "old");
        await first.WaitForIdleAsync();
        await first.DisposeAsync();

        var second = await fixture.StartAsync(fixture.Builder(path)
            .AddOrchestrator("NewName", async ctx => await ctx.WaitForExternalEvent<int>("go")));
        await second.Client.RaiseEventAsync("old", "go", 1);
        var status = await second.Client.WaitForCompletionAsync("old");

        Assert.Equal(OrchestrationStatus.Failed, status.RuntimeStatus);
        Assert.Equal(typeof(UnknownOrchestratorException).FullName, status.FailureDetails!.ErrorType);
        Assert.Contains("'OldName'", status.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_PendingActivityNoLongerRegistered_InstanceFailsNamingIt()
    {
        using var temp = new TempFolder();
        var path = temp.File("unregistered.db");
        await using var fixture = new RuntimeFixture();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await fixture.StartAsync(fixture.Builder(path)
            .AddOrchestrator("UsesLegacy", async ctx => await ctx.CallActivityAsync<int>("Legacy", 1))
            .AddActivity<int, int>("Legacy", (_, _) =>
            {
                started.TrySetResult();
                return new TaskCompletionSource<int>().Task;
            }));
        await first.Client.StartAsync("UsesLegacy", null, "legacy");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await first.DisposeAsync();

        var second = await fixture.StartAsync(fixture.Builder(path)
            .AddOrchestrator("UsesLegacy", async ctx => await ctx.CallActivityAsync<int>("Legacy", 1)));
        await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(31));
        var status = await second.Client.WaitForCompletionAsync("legacy");

        Assert.Equal(OrchestrationStatus.Failed, status.RuntimeStatus);
        Assert.Contains("'Legacy'", status.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
