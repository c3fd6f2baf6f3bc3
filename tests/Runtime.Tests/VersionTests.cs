using Microsoft.Data.Sqlite;

namespace SagaFunctions.Runtime.Tests;

/// <summary>
/// Orchestration versions: a start records its version, the code reads it on every episode, status and queries report it,
/// restart and continue-as-new keep it, and a schema-2 file is upgraded in place (its instances have no version).
/// </summary>
public sealed class VersionTests
{
    private static DurableRuntimeBuilder AddVersioned(DurableRuntimeBuilder builder) => builder
        .AddOrchestrator("Versioned", async ctx =>
        {
            var before = ctx.Version;
            var suffix = await ctx.WaitForExternalEvent<string>("go");
            return $"{before}/{ctx.Version}{suffix}";
        })
        .AddOrchestrator("Looping", async ctx =>
        {
            var round = ctx.GetInput<int>();
            if (round == 0)
            {
                ctx.ContinueAsNew(1);
                return null;
            }

            await Task.CompletedTask;
            return ctx.Version;
        });

    [Fact]
    public async Task StartAsync_WithVersion_CodeStatusAndQueryCarryIt()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddVersioned(fixture.Builder()));
        await runtime.Client.StartAsync("Versioned", null, "v2", "2");
        await runtime.Client.StartAsync("Versioned", null, "none");
        Assert.Equal("2", (await runtime.Client.GetStatusAsync("v2"))!.Version);

        await runtime.Client.RaiseEventAsync("v2", "go", "!");
        var done = await runtime.Client.WaitForCompletionAsync("v2");

        Assert.Equal(("\"2/2!\"", "2"), (done.SerializedOutput, done.Version));
        Assert.Equal(string.Empty, (await runtime.Client.GetStatusAsync("none"))!.Version);
        Assert.Equal(["v2"], (await runtime.Client.QueryAsync(new InstanceQuery(Version: "2"))).Instances.Select(i => i.InstanceId));
        Assert.Equal(["none"], (await runtime.Client.QueryAsync(new InstanceQuery(Version: string.Empty))).Instances.Select(i => i.InstanceId));
        Assert.Equal(2, (await runtime.Client.QueryAsync(new InstanceQuery())).Instances.Count);
    }

    [Fact]
    public async Task RestartAsync_AndContinueAsNew_KeepTheVersion()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(AddVersioned(fixture.Builder()));
        await runtime.Client.StartAsync("Looping", 0, "loop", "3");
        Assert.Equal("\"3\"", (await runtime.Client.WaitForCompletionAsync("loop")).SerializedOutput);

        var again = await runtime.Client.RestartAsync("loop");
        var restarted = await runtime.Client.WaitForCompletionAsync(again);
        Assert.Equal(("\"3\"", "3"), (restarted.SerializedOutput, restarted.Version));
    }

    [Fact]
    public async Task ReplayAfterRestart_CodeReadsTheRecordedVersion()
    {
        using var temp = new TempFolder();
        var path = temp.File("versions.db");
        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(AddVersioned(fixture.Builder(path)));
            await runtime.Client.StartAsync("Versioned", null, "kept", "1.5");
            await runtime.WaitForIdleAsync();
        }

        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(AddVersioned(fixture.Builder(path)));
            await runtime.Client.RaiseEventAsync("kept", "go", "");
            Assert.Equal("\"1.5/1.5\"", (await runtime.Client.WaitForCompletionAsync("kept")).SerializedOutput);
        }
    }

    [Fact]
    public async Task Open_SchemaVersion2File_UpgradedInPlaceAndOldInstancesHaveNoVersion()
    {
        using var temp = new TempFolder();
        var path = temp.File("v2.db");
        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(AddVersioned(fixture.Builder(path)));
            await runtime.Client.StartAsync("Versioned", null, "old");
            await runtime.WaitForIdleAsync();
        }

        Execute(path, "ALTER TABLE instances DROP COLUMN version; ALTER TABLE instances DROP COLUMN trace_parent; PRAGMA user_version=2;");

        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(AddVersioned(fixture.Builder(path)));
            Assert.Equal(string.Empty, (await runtime.Client.GetStatusAsync("old"))!.Version);
            await runtime.Client.RaiseEventAsync("old", "go", "!");
            Assert.Equal("\"/!\"", (await runtime.Client.WaitForCompletionAsync("old")).SerializedOutput);
            await runtime.Client.StartAsync("Versioned", null, "new", "2");
            Assert.Equal("2", (await runtime.Client.GetStatusAsync("new"))!.Version);
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        Assert.Equal(4L, (long)version.ExecuteScalar()!);
    }

    [Fact]
    public async Task Replay_CodeThrowsBeforeARecordedAction_FailsWithItsOwnException()
    {
        using var temp = new TempFolder();
        var path = temp.File("throws.db");
        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(fixture.Builder(path)
                .AddActivity<string?, string>("Noop", (_, _) => Task.FromResult("ok"))
                .AddOrchestrator("Changing", async ctx =>
                {
                    await ctx.CallActivityAsync<string>("Noop");
                    return await ctx.WaitForExternalEvent<string>("go");
                }));
            await runtime.Client.StartAsync("Changing", null, "c");
            await runtime.WaitForIdleAsync();
        }

        await using (var fixture = new RuntimeFixture())
        {
            var runtime = await fixture.StartAsync(fixture.Builder(path)
                .AddActivity<string?, string>("Noop", (_, _) => Task.FromResult("ok"))
                .AddOrchestrator("Changing", ctx => throw new InvalidOperationException($"version '{ctx.Version}' is gone")));
            await runtime.Client.RaiseEventAsync("c", "go", "x");
            var failed = await runtime.Client.WaitForCompletionAsync("c");
            Assert.Equal(OrchestrationStatus.Failed, failed.RuntimeStatus);
            Assert.Equal(typeof(InvalidOperationException).FullName, failed.FailureDetails!.ErrorType);
            Assert.Equal("version '' is gone", failed.FailureDetails.ErrorMessage);
        }
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
