namespace SagaFunctions.Kernel.Declarations;

/// <summary>
/// The custom status an instance publishes when its recorded version is not registered, just before it fails: phase
/// <c>failed</c> and one error naming saga and version. Durable Task reports a replayed instance's failure as the
/// non-determinism it detects in the history that follows, so the saga view reads the reason from here on every engine.
/// </summary>
public sealed record VersionFailureStatus(string Phase, IReadOnlyList<VersionFailureError> Errors)
{
    public static VersionFailureStatus For(SagaVersionNotRegisteredException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new("failed", [new VersionFailureError(null, "version_not_registered", nameof(SagaVersionNotRegisteredException), error.Message)]);
    }
}
