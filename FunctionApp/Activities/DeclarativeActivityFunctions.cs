using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.Declarative;

namespace SagaFunctions.FunctionApp.Activities;

/// <summary>The declarative sagas' generic step and compensation (<see cref="DeclarativeActivities"/>, same names), each a one-line call.</summary>
public sealed class DeclarativeActivityFunctions(DeclarativeActivities activities)
{
    [Function(nameof(DeclarativeActivities.CallParticipant))]
    public Task<StepResult<JsonElement?>> CallParticipant([ActivityTrigger] StepInput<ParticipantCall> input, CancellationToken cancellationToken) =>
        activities.CallParticipant(input, cancellationToken);

    [Function(nameof(DeclarativeActivities.CompensateParticipant))]
    public Task<string> CompensateParticipant([ActivityTrigger] CompensationInput<ParticipantCall, JsonElement?> input, CancellationToken cancellationToken) =>
        activities.CompensateParticipant(input, cancellationToken);
}
