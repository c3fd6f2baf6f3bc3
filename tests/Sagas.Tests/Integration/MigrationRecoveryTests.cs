using SagaFunctions.Runtime;
using SagaFunctions.Sagas.Migration;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Integration;

public class MigrationRecoveryTests
{
    private const string Id = "migration-crash";

    private static readonly MigrationRequest Request = new("MIG-1", "orders", 1200, 12);

    /// <summary>The crash points are fractions of the commits a crash-free run of the same migration makes.</summary>
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public async Task Run_ProcessCrashesMidMigration_ResumesWithoutRerunningAnyBatch(double fraction)
    {
        var commits = 0;
        await using (var probe = await SagaHarness.StartAsync(hooks: new FaultHooks { OnCommitted = point => commits = point }))
        {
            _ = await probe.RunAsync<MigrationResult>(nameof(MigrationSaga), Request, Id);
        }

        var file = Path.Combine(Path.GetTempPath(), $"sagas-tests-{Guid.NewGuid():N}.db");
        var crashAt = Math.Max(1, (int)(commits * fraction));
        await using var h = await SagaHarness.StartAsync(durableFile: file, hooks: new FaultHooks().CrashAfterCommit(crashAt));
        Assert.True((await h.Client.StartAsync(nameof(MigrationSaga), Request, Id)).Created);

        await h.DriveUntilCrashAsync(Id);
        Assert.IsType<SimulatedCrashException>(h.Runtime.Fault);
        await h.RestartAsync();
        var result = await h.OutputAsync<MigrationResult>(Id);

        Assert.Equal("completed", result.Status);
        Assert.Equal(1200, result.RecordsMigrated);
        var progress = (await h.Migration.GetProgressAsync("MIG-1"))!;
        Assert.Equal(12, progress.BatchesCompleted);
        Assert.Equal(12, progress.BatchExecutions);
        Assert.Equal(1200, progress.RecordsMigrated);
        Assert.Equal("new", progress.Traffic);
    }
}
