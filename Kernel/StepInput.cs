namespace SagaFunctions.Kernel;

/// <summary>
/// What every step activity receives: the step's data and its idempotency key
/// (<c>{instanceId}:{stepName}</c>, stable across retries and replays). Participants deduplicate on the key.
/// </summary>
public sealed record StepInput<T>(string IdempotencyKey, T Data) : ISagaActivityInput
{
    string ISagaActivityInput.StepKey => IdempotencyKey;

    bool ISagaActivityInput.IsCompensation => false;
}
