using SagaFunctions.Kernel;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>A step's retry policy as a definition writes it (milliseconds), mapped to the kernel's <see cref="RetryPolicy"/>.</summary>
public sealed record RetrySpec(int MaxAttempts, int FirstDelayMs = 500, double Backoff = 2.0, int? MaxDelayMs = null)
{
    public RetryPolicy ToPolicy() => new(
        MaxAttempts,
        TimeSpan.FromMilliseconds(FirstDelayMs),
        Backoff,
        MaxDelayMs is { } max ? TimeSpan.FromMilliseconds(max) : null);
}
