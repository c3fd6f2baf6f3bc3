namespace SagaFunctions.Kernel;

/// <summary>How one compensation ended: its record, and the dead letter written when it exhausted its retries.</summary>
internal sealed record CompensationAttempt(CompensationRecord Record, DeadLetter? DeadLetter);
