using Xunit.Abstractions;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>The failure matrix (<see cref="FailureMatrix"/>) on the real Durable Task engine: FunctionApp's functions, a fresh engine per cell.</summary>
public class DurableFailureMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<string> Sagas => FailureMatrix.Sagas;

    [Theory]
    [MemberData(nameof(Sagas))]
    public Task FailureMatrix_OnTheRealDurableEngine_EveryStepAndCompensationTimesEveryFault_KeepsTheSagaInvariants(string saga) =>
        FailureMatrix.RunAsync(saga, "durable", async shortTimeout => await DurableEngine.StartAsync(MatrixCell.DurableSettings(shortTimeout), participantsInMemory: true), output);
}
