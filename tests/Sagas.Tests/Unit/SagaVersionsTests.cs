using Moq;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.Sagas.Tests.Unit;

/// <summary>Several versions of a saga as one orchestrator: the version order, the dispatch on the recorded version, and what is refused.</summary>
public class SagaVersionsTests
{
    [Theory]
    [InlineData("1", "2", -1)]
    [InlineData("2.0", "10.0", -1)]
    [InlineData("2", "10", 1)] // not both System.Version strings: compared as text, as Durable does
    [InlineData("1.10", "1.9", 1)]
    [InlineData("2.0", "2.0", 0)]
    [InlineData("", "1", -1)]
    [InlineData("1", "", 1)]
    [InlineData("", "", 0)]
    [InlineData("beta", "BETA", 0)]
    public void Compare_DurableOrder_EmptyOldestDottedVersionsNumericallyElseText(string left, string right, int expected)
    {
        Assert.Equal(expected, Math.Sign(SagaVersions.Compare(left, right)));
    }

    [Fact]
    public void ForEngine_TwoVersions_OneOrchestratorRunningTheRecordedVersion()
    {
        var engine = Assert.Single(SagaVersions.ForEngine([Saga("1", "ran v1"), Saga("2", "ran v2")]));

        Assert.Equal(("Parcel", "2"), (engine.OrchestratorName, engine.Version));
        Assert.Equal("ran v1", Run(engine, "1"));
        Assert.Equal("ran v2", Run(engine, "2"));
        Assert.Equal("ran v1", Run(engine, string.Empty));
    }

    [Fact]
    public async Task ForEngine_RecordedVersionNotRegistered_FailsNamingSagaAndVersionAndRunsNothing()
    {
        var engine = Assert.Single(SagaVersions.ForEngine([Saga("2", "ran v2"), Saga("3", "ran v3")]));
        var context = Context("1");

        var error = await Assert.ThrowsAsync<SagaVersionNotRegisteredException>(() => engine.Run(context.Object));

        Assert.Equal(("parcel", "1"), (error.Saga, error.Version));
        Assert.Equal(["3", "2"], error.Registered);
        Assert.StartsWith("Saga 'parcel' version '1' is not registered (registered: 3, 2)", error.Message, StringComparison.Ordinal);
        context.Verify(c => c.SetCustomStatus(It.Is<VersionFailureStatus>(s => s.Phase == "failed" && s.Errors[0].Message == error.Message)));
        context.Verify(c => c.CallActivityAsync<object>(It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<RetryPolicy?>()), Times.Never);
    }

    [Fact]
    public void ForEngine_UnversionedHelper_RunsWhateverVersionItsInstanceHas()
    {
        var helper = Assert.Single(SagaVersions.ForEngine([Saga(string.Empty, "helper")]));
        Assert.Equal("helper", Run(helper, "7"));
    }

    [Fact]
    public void ForEngine_SameVersionTwice_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SagaVersions.ForEngine([Saga("1", "a"), Saga("1", "b")]));
        Assert.Contains("registers version '1' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForEngine_UnversionedBesideVersioned_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SagaVersions.ForEngine([Saga(string.Empty, "a"), Saga("1", "b")]));
        Assert.Contains("both unversioned and with versions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_ForEngine_OneOrchestratorPerNameAndHelpersUnversioned()
    {
        var engine = SagaVersions.ForEngine(SagaCatalog.Orchestrators);
        Assert.Equal(SagaCatalog.Orchestrators.Select(o => o.OrchestratorName).Distinct().Count(), engine.Count);
        Assert.All(engine.Where(o => SagaCatalog.Sagas.All(s => s.OrchestratorName != o.OrchestratorName)), o => Assert.Equal(string.Empty, o.Version));
    }

    private static SagaDeclaration Saga(string version, string answer) =>
        new("parcel", "Parcel", typeof(object), [], _ => Task.FromResult<object?>(answer)) { Version = version };

    private static Mock<IOrchestrationContext> Context(string version)
    {
        var context = new Mock<IOrchestrationContext>();
        context.SetupGet(c => c.Version).Returns(version);
        return context;
    }

    private static object? Run(SagaDeclaration registration, string version) => registration.Run(Context(version).Object).GetAwaiter().GetResult();
}
