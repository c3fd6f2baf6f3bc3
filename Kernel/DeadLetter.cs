namespace SagaFunctions.Kernel;

/// <summary>
/// A compensation that exhausted its retries: everything an operator needs to review and retry it.
/// <see cref="Id"/> is <c>{instanceId}:{stepName}</c>, so writing the same dead letter twice is idempotent.
/// </summary>
public sealed record DeadLetter(
    string Id,
    string SagaName,
    string InstanceId,
    string StepName,
    string CompensationActivity,
    string InputJson,
    string ErrorType,
    string ErrorMessage,
    int Attempts,
    DateTime FirstFailureAt,
    DateTime LastFailureAt);
