using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SagaFunctions.Http.Audit;

/// <summary>
/// Records operator actions from the HTTP routes: the host's <see cref="IAuditLog"/>, its clock, and how it names the
/// caller of a request (<see cref="CallerOf"/>). Ids start with the time (UTC, to the tick), so they sort by time.
/// </summary>
public sealed class AuditTrail(IAuditLog log, TimeProvider time, Func<HttpRequest, string?> callerOf)
{
    /// <summary>The header App Service authentication (Easy Auth) sets to the signed-in principal's name.</summary>
    public const string ClientPrincipalNameHeader = "x-ms-client-principal-name";

    public IAuditLog Log { get; } = log ?? throw new ArgumentNullException(nameof(log));

    /// <summary>FunctionApp's caller: App Service's principal name header, or null when the request has none.</summary>
    public static string? ClientPrincipalName(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Headers[ClientPrincipalNameHeader].ToString();
        return string.IsNullOrWhiteSpace(name) ? null : name;
    }

    /// <summary>The caller of <paramref name="request"/> as this host names it.</summary>
    public string? CallerOf(HttpRequest request) => callerOf(request);

    /// <summary>Appends one entry for an action that has been carried out.</summary>
    public async Task<AuditEntry> RecordAsync(
        HttpRequest request, string action, string? saga, string? instanceId, string? deadLetterId, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var at = time.GetUtcNow();
        var id = string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}-{Guid.NewGuid():N}");
        var entry = new AuditEntry(id, at, action, saga, instanceId, deadLetterId, note, CallerOf(request));
        await Log.AppendAsync(entry, cancellationToken);
        return entry;
    }
}
