using Microsoft.Azure.Functions.Worker;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Sagas.DeadLetters;

namespace SagaFunctions.FunctionApp.Activities;

/// <summary>One Durable activity function per <see cref="DeadLetterActivities"/> method (same name), each a one-line call.</summary>
public sealed class DeadLetterActivityFunctions(DeadLetterActivities activities)
{
    [Function(nameof(DeadLetterActivities.RecordDeadLetter))]
    public Task<string> RecordDeadLetter([ActivityTrigger] DeadLetter input, CancellationToken cancellationToken) =>
        activities.RecordDeadLetter(input, cancellationToken);

    [Function(nameof(DeadLetterActivities.BeginDeadLetterRetry))]
    public Task<DeadLetterEntry?> BeginDeadLetterRetry([ActivityTrigger] string input, CancellationToken cancellationToken) =>
        activities.BeginDeadLetterRetry(input, cancellationToken);

    [Function(nameof(DeadLetterActivities.CompleteDeadLetterRetry))]
    public Task<bool> CompleteDeadLetterRetry([ActivityTrigger] DeadLetterRetryCompletion input, CancellationToken cancellationToken) =>
        activities.CompleteDeadLetterRetry(input, cancellationToken);
}
