using Xunit.Abstractions;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>The failure matrix (<see cref="FailureMatrix"/>) on the embedded runtime: Standalone on Kestrel, SQLite, virtual clock.</summary>
public class FailureMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<string> Sagas => FailureMatrix.Sagas;

    [Theory]
    [MemberData(nameof(Sagas))]
    public Task FailureMatrix_EveryStepAndCompensationTimesEveryFault_KeepsTheSagaInvariants(string saga) =>
        FailureMatrix.RunAsync(saga, "embedded", async shortTimeout => await EmbeddedEngine.StartAsync(MatrixCell.EmbeddedSettings(shortTimeout)), output);
}
