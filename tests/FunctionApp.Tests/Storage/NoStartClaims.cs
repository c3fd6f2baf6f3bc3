namespace SagaFunctions.FunctionApp.Tests.Storage;

/// <summary>
/// No start claims, for FunctionApp on the in-memory backend (which has no storage account, and refuses a duplicate
/// start itself): every claim is granted, so the backend's own dedupe decides.
/// </summary>
internal sealed class NoStartClaims : IInstanceStartClaims
{
    public Task<bool> TryClaimAsync(string instanceId, Func<CancellationToken, Task<bool>> instanceExists, CancellationToken cancellationToken) =>
        Task.FromResult(true);

    public Task ReleaseAsync(string instanceId, CancellationToken cancellationToken) => Task.CompletedTask;
}
