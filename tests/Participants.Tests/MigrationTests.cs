using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migration_FullRun_CompletesAndReportsProgress()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var migration = host.Client<MigrationClient>();

        await migration.SetDualWriteAsync("on", new DualWriteRequest("M-1", "orders", true));
        for (var batch = 0; batch < 4; batch++)
        {
            var result = await migration.MigrateBatchAsync($"b{batch}", new MigrateBatchRequest("M-1", batch, 250));
            Assert.Equal(250L * (batch + 1), result.Value!.TotalMigrated);
        }

        var verify = await migration.VerifyAsync("verify", new VerifyMigrationRequest("M-1", 1000));
        var switched = await migration.SwitchTrafficAsync("switch", new SwitchTrafficRequest("M-1"));
        var off = await migration.DecommissionAsync("off", new DecommissionRequest("M-1"));

        Assert.Equal(new VerifyMigrationResponse(true, 1000, 1000), verify.Value);
        Assert.Equal("new", switched.Value!.Traffic);
        Assert.False(off.Value!.OldSystemEnabled);
        var progress = (await migration.GetProgressAsync("M-1"))!;
        Assert.Equal(("orders", 4, 1000L, 4L, true, "new", false, false),
            (progress.ServiceId, progress.BatchesCompleted, progress.RecordsMigrated, progress.BatchExecutions, progress.Consistent, progress.Traffic, progress.OldSystemEnabled, progress.DualWrite));
    }

    [Fact]
    public async Task Batch_RepeatedWithOtherKeysAndConcurrently_RunsOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var migration = host.Client<MigrationClient>();
        await migration.SetDualWriteAsync("on", new DualWriteRequest("M-1", "orders", true));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            migration.MigrateBatchAsync($"attempt-{i % 4}", new MigrateBatchRequest("M-1", 7, 100))));

        Assert.All(results, r => Assert.Equal(100, r.Value!.RecordsMigrated));
        var progress = (await migration.GetProgressAsync("M-1"))!;
        Assert.Equal((1, 100L, 1L), (progress.BatchesCompleted, progress.RecordsMigrated, progress.BatchExecutions));
    }

    [Fact]
    public async Task Verify_MissingRecords_IsVerificationFailedAndSwitchIsRefused()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var migration = host.Client<MigrationClient>();
        await migration.SetDualWriteAsync("on", new DualWriteRequest("M-1", "orders", true));
        await migration.MigrateBatchAsync("b0", new MigrateBatchRequest("M-1", 0, 300));

        var verify = await migration.VerifyAsync("verify", new VerifyMigrationRequest("M-1", 1000));
        var switched = await migration.SwitchTrafficAsync("switch", new SwitchTrafficRequest("M-1"));

        Assert.Equal(RejectionCodes.VerificationFailed, verify.Code);
        Assert.Contains("300", verify.Message, StringComparison.Ordinal);
        Assert.Equal(RejectionCodes.NotVerified, switched.Code);
        Assert.False((await migration.GetProgressAsync("M-1"))!.Consistent);
    }

    [Fact]
    public async Task Batch_DualWriteOff_IsRefused()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var migration = host.Client<MigrationClient>();
        await migration.SetDualWriteAsync("on", new DualWriteRequest("M-1", "orders", true));
        await migration.SetDualWriteAsync("off", new DualWriteRequest("M-1", "orders", false));

        var result = await migration.MigrateBatchAsync("b0", new MigrateBatchRequest("M-1", 0, 10));

        Assert.Equal(RejectionCodes.DualWriteDisabled, result.Code);
        Assert.False((await migration.GetProgressAsync("M-1"))!.DualWrite);
    }

    [Fact]
    public async Task Batch_UnknownMigration_IsUnknownMigration()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<MigrationClient>().MigrateBatchAsync("b0", new MigrateBatchRequest("M-404", 0, 10));

        Assert.Equal(RejectionCodes.UnknownMigration, result.Code);
    }

    [Fact]
    public async Task Decommission_BeforeSwitch_IsNotSwitched()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var migration = host.Client<MigrationClient>();
        await migration.SetDualWriteAsync("on", new DualWriteRequest("M-1", "orders", true));

        var result = await migration.DecommissionAsync("off", new DecommissionRequest("M-1"));

        Assert.Equal(RejectionCodes.NotSwitched, result.Code);
        Assert.True((await migration.GetProgressAsync("M-1"))!.OldSystemEnabled);
    }
}
