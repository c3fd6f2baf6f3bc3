using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Kernel.Tests.Declarations;

public class SagaDeclarationTests
{
    [Fact]
    public void For_CSharpSaga_AcceptsCancelWithItsPayloadAndRecordsTypes()
    {
        var declaration = SagaDeclaration.For<ParcelRequest, string>("parcel", "ParcelSaga", _ => Task.FromResult("done"));

        Assert.Equal(["cancel"], declaration.EventNames);
        Assert.Equal(typeof(CancelRequest), declaration.EventPayloads["cancel"]);
        Assert.Equal(typeof(ParcelRequest), declaration.RequestType);
        Assert.Equal(typeof(string), declaration.ResultType);
        Assert.Equal("1", declaration.Version);
        Assert.Null(declaration.Activities);
    }

    [Fact]
    public void Accepts_AnEvent_ListsItBeforeCancelWithItsPayloadType()
    {
        var declaration = SagaDeclaration.For<ParcelRequest, string>("parcel", "ParcelSaga", _ => Task.FromResult("done"))
            .Accepts<Release>("release")
            .Accepts<Release>("hold");

        Assert.Equal(["release", "hold", "cancel"], declaration.EventNames);
        Assert.Equal(typeof(Release), declaration.EventPayloads["release"]);
        Assert.Equal(typeof(CancelRequest), declaration.EventPayloads["cancel"]);
    }

    [Fact]
    public void Helper_Orchestrator_IsUnversionedWithoutEvents()
    {
        var helper = SagaDeclaration.Helper<string, int>("count", "Count", _ => Task.FromResult(1));

        Assert.Equal(string.Empty, helper.Version);
        Assert.Empty(helper.EventNames);
        Assert.Equal(typeof(int), helper.ResultType);
    }

    [Fact]
    public async Task Run_OfADeclaration_RunsTheBodyAndBoxesItsResult()
    {
        var declaration = SagaDeclaration.For<ParcelRequest, string>("parcel", "ParcelSaga", _ => Task.FromResult("done"))
            .WithActivities<ParcelActivities>()
            .Starts(SagaDeclaration.Helper<string, int>("count", "Count", _ => Task.FromResult(1)));

        Assert.Equal("done", await declaration.Run(new FakeOrchestrationContext()));
        Assert.Equal(typeof(ParcelActivities), declaration.Activities);
        Assert.Equal("Count", Assert.Single(declaration.SubOrchestrators).OrchestratorName);
    }

    internal sealed record ParcelRequest(string Id) : ISagaRequest
    {
        public IEnumerable<FieldError> Validate() => [];
    }

    internal sealed record Release(bool Now);
}
