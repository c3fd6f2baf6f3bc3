using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SagaFunctions.Http.Audit;

/// <summary>
/// <c>GET /api/audit?action=&amp;instanceId=&amp;deadLetterId=&amp;from=&amp;to=&amp;limit=</c>: the operator actions
/// kept by the host, newest first. An unknown parameter or a bad value is a 400 naming it.
/// </summary>
public sealed class AuditApi(AuditTrail trail)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private static readonly string[] Parameters = ["action", "instanceId", "deadLetterId", "from", "to", "limit"];

    private readonly AuditTrail _trail = trail ?? throw new ArgumentNullException(nameof(trail));

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var key in query.Keys.Where(k => !Parameters.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            errors[key] = [$"Unknown query parameter '{key}'. Use: {string.Join(", ", Parameters)}."];
        }

        string? action = null;
        if (query["action"].FirstOrDefault() is { Length: > 0 } a)
        {
            action = AuditActions.All.FirstOrDefault(known => string.Equals(known, a, StringComparison.OrdinalIgnoreCase));
            if (action is null)
            {
                errors["action"] = [$"Unknown action '{a}'. Use one of: {string.Join(", ", AuditActions.All)}."];
            }
        }

        var instanceId = Text(query["instanceId"].FirstOrDefault(), "instanceId", errors);
        var deadLetterId = Text(query["deadLetterId"].FirstOrDefault(), "deadLetterId", errors);
        var from = SagaApi.ParseDate(query["from"].FirstOrDefault(), "from", errors);
        var to = SagaApi.ParseDate(query["to"].FirstOrDefault(), "to", errors);
        if (from > to)
        {
            errors["from"] = ["'from' must not be later than 'to'."];
        }

        var limit = DefaultLimit;
        if (query["limit"].FirstOrDefault() is { Length: > 0 } l
            && (!int.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            errors["limit"] = [$"'limit' must be a whole number from 1 to {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return HttpProblems.Validation(errors);
        }

        var entries = await _trail.Log.QueryAsync(new AuditQuery(action, instanceId, deadLetterId, from, to, limit), cancellationToken);
        return Results.Json(new AuditPage(entries), SagaHttpJson.Options);
    }

    private static string? Text(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > 300 || value.Any(char.IsControl))
        {
            errors[field] = [$"'{field}' must be at most 300 characters, without control characters."];
            return null;
        }

        return value;
    }
}
