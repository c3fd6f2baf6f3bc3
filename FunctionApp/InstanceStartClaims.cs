using System.Globalization;
using System.Net;
using Azure;
using Azure.Data.Tables;

namespace SagaFunctions.FunctionApp;

/// <summary>
/// Who may start an instance id. The Azure Storage provider checks dedupe statuses by reading the Instances table and
/// then writing it, so concurrent starts of one new id all succeed (measured against Azurite: eight concurrent starts,
/// eight 202s). <see cref="DurableSagaClient"/> therefore first claims the id here, atomically.
/// </summary>
public interface IInstanceStartClaims
{
    /// <summary>
    /// True when this caller now holds the claim on <paramref name="instanceId"/> and may start it; false when another
    /// caller holds it (that caller starts, or started, the instance). <paramref name="instanceExists"/> is asked only
    /// before taking over a stale claim.
    /// </summary>
    Task<bool> TryClaimAsync(string instanceId, Func<CancellationToken, Task<bool>> instanceExists, CancellationToken cancellationToken);

    /// <summary>Gives the id back (its start failed, or the instance was purged), so it can be started again.</summary>
    Task ReleaseAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>
/// Start claims as rows of an Azure Table (PartitionKey = the escaped instance id, RowKey = <c>claim</c>), inserted
/// before the instance is scheduled: an insert is atomic, so of concurrent starts exactly one gets its row in (the
/// others get 409 and answer "already exists"). A claim whose owner died between its insert and the schedule would
/// block the id forever, so a claim older than <see cref="StaleAfter"/> whose instance does not exist is taken over,
/// with <c>If-Match</c> on the claim's ETag so that one taker wins. Purging an instance releases its claim.
/// </summary>
public sealed class TableInstanceStartClaims(TableClient table, TimeProvider time) : IInstanceStartClaims
{
    public const string DefaultTableName = "SagaStartClaims";

    private const string ClaimRowKey = "claim";

    private volatile bool _tableReady;

    /// <summary>How long a claim protects an id that was never started (its claimer crashed or lost the schedule call).</summary>
    public static TimeSpan StaleAfter { get; } = TimeSpan.FromMinutes(2);

    public async Task<bool> TryClaimAsync(string instanceId, Func<CancellationToken, Task<bool>> instanceExists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceExists);
        await EnsureTableAsync(cancellationToken);
        var claim = new TableEntity(TableKeys.EscapeKey(instanceId), ClaimRowKey)
        {
            ["InstanceId"] = instanceId,
            ["ClaimedAt"] = time.GetUtcNow(),
            ["Claimant"] = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture),
        };
        try
        {
            await table.AddEntityAsync(claim, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // Claimed already; maybe by a claimer that never started the instance.
        }

        var found = await table.GetEntityIfExistsAsync<TableEntity>(claim.PartitionKey, ClaimRowKey, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } existing
            || time.GetUtcNow() - (existing.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue) < StaleAfter
            || await instanceExists(cancellationToken))
        {
            return false;
        }

        try
        {
            await table.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return false; // another taker won
        }
    }

    public async Task ReleaseAsync(string instanceId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            await table.DeleteEntityAsync(TableKeys.EscapeKey(instanceId), ClaimRowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // Nothing to release.
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableReady)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _tableReady = true;
        }
    }
}
