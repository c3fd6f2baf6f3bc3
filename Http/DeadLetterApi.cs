using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SagaFunctions.Http.Audit;
using SagaFunctions.Kernel.DeadLetters;

namespace SagaFunctions.Http;

/// <summary>
/// The dead-letter routes: list (filter <c>status</c>), read, retry (starts the retry orchestration, whose input is the
/// record id; the orchestration re-runs the compensation and marks the record resolved or retry-failed) and resolve
/// (an operator closes the record with an optional note). Ids look like <c>{instanceId}:{stepName}</c>; send them
/// URL-encoded.
/// </summary>
public sealed class DeadLetterApi
{
    public const int MaxNoteLength = 1000;

    private readonly IDeadLetterStore _store;
    private readonly ISagaClient _client;
    private readonly SagaHttpOptions _options;
    private readonly TimeProvider _time;
    private readonly StartedResponse _started;
    private readonly AuditTrail? _audit;

    /// <param name="audit">Where retries and resolutions are recorded and a record's <c>audit</c> is read; none when null.</param>
    public DeadLetterApi(
        IDeadLetterStore store,
        ISagaClient client,
        SagaHttpOptions? options = null,
        TimeProvider? time = null,
        StartedResponse? started = null,
        AuditTrail? audit = null)
    {
        _audit = audit;
        _started = started ?? SagaApi.DefaultStarted;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new SagaHttpOptions();
        _time = time ?? TimeProvider.System;
    }

    /// <summary><c>GET /api/dead-letters[?status=open|retrying|retry_failed|resolved]</c>.</summary>
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var unknown = request.Query.Keys.FirstOrDefault(k => !string.Equals(k, "status", StringComparison.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            return HttpProblems.Validation(unknown, $"Unknown query parameter '{unknown}'. Use: status.");
        }

        DeadLetterStatus? status = null;
        var value = request.Query["status"].FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(value))
        {
            var normalized = value.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
            if (!Enum.TryParse<DeadLetterStatus>(normalized, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)
                || int.TryParse(normalized, out _))
            {
                return HttpProblems.Validation("status", $"Unknown dead-letter status '{value}'. Use open, retrying, retry_failed or resolved.");
            }

            status = parsed;
        }

        var baseUrl = RequestUrls.BaseUrl(request);
        var entries = await _store.ListAsync(status, cancellationToken);
        return Results.Json(new DeadLetterPage(entries.Select(e => DeadLetterView.From(e, baseUrl)).ToList()), SagaHttpJson.Options);
    }

    /// <summary><c>GET /api/dead-letters/{id}</c>: 200 or 404.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entry = await _store.GetAsync(id, cancellationToken);
        if (entry is null)
        {
            return UnknownDeadLetter(id);
        }

        var view = DeadLetterView.From(entry, RequestUrls.BaseUrl(request));
        if (_audit is not null)
        {
            view = view with { Audit = await _audit.Log.QueryAsync(new AuditQuery(DeadLetterId: id), cancellationToken) };
        }

        return Results.Json(view, SagaHttpJson.Options);
    }

    /// <summary>
    /// <c>POST /api/dead-letters/{id}/retry</c>: marks the record <c>retrying</c> and starts the retry orchestration (instance id <c>{id}:retry-{n}</c>);
    /// 202 with its check-status payload. 404 unknown; 409 when resolved or a retry is already running.
    /// </summary>
    public async Task<IResult> RetryAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entry = await _store.GetAsync(id, cancellationToken);
        if (entry is null)
        {
            return UnknownDeadLetter(id);
        }

        if (entry.Status == DeadLetterStatus.Resolved)
        {
            return HttpProblems.Conflict($"Dead letter '{id}' is already resolved; there is nothing to retry.");
        }

        if (entry.Status == DeadLetterStatus.Retrying && entry.LastRetryInstanceId is { } running
            && await _client.GetAsync(running, cancellationToken) is { IsFinished: false })
        {
            return HttpProblems.Conflict(
                $"A retry of dead letter '{id}' is already running (instance '{running}').",
                new Dictionary<string, object?> { ["instanceId"] = running });
        }

        // Mark first, then start: the retry orchestration writes the final state (and counts the retry), so it must
        // never be overwritten by us afterwards.
        var retryInstanceId = $"{id}:retry-{entry.RetryCount + 1}";
        if (await TryStartRetryAsync(entry, retryInstanceId, request, cancellationToken) is { } started)
        {
            return started;
        }

        // That id exists. Still running: a concurrent retry won the race (and the record already points at it).
        // Finished without being counted (it crashed): start again under a fresh suffix.
        if (await _client.GetAsync(retryInstanceId, cancellationToken) is { IsFinished: false })
        {
            return HttpProblems.Conflict(
                $"A retry of dead letter '{id}' is already running (instance '{retryInstanceId}').",
                new Dictionary<string, object?> { ["instanceId"] = retryInstanceId });
        }

        var freshId = $"{retryInstanceId}-{InstanceIds.New()[..8]}";
        if (await TryStartRetryAsync(entry, freshId, request, cancellationToken) is { } restarted)
        {
            return restarted;
        }

        // Undo our mark, unless someone changed the entry since (their state stands).
        await _store.UpdateAsync(
            id,
            e => e.Status == DeadLetterStatus.Retrying && e.LastRetryInstanceId == freshId
                ? e with { Status = entry.Status, LastRetryInstanceId = entry.LastRetryInstanceId }
                : null,
            cancellationToken);
        return HttpProblems.Conflict(
            $"Could not start a retry of dead letter '{id}': instance '{freshId}' already exists; nothing was started.",
            new Dictionary<string, object?> { ["instanceId"] = freshId });
    }

    private async Task<IResult?> TryStartRetryAsync(DeadLetterEntry entry, string retryInstanceId, HttpRequest request, CancellationToken cancellationToken)
    {
        var id = entry.Record.Id;
        var marked = await _store.UpdateAsync(
            id,
            e => e.Status == DeadLetterStatus.Resolved ? null : e with { Status = DeadLetterStatus.Retrying, LastRetryInstanceId = retryInstanceId },
            cancellationToken);
        if (marked is null)
        {
            return UnknownDeadLetter(id);
        }

        if (!marked.Changed)
        {
            return HttpProblems.Conflict($"Dead letter '{id}' is already resolved; there is nothing to retry.");
        }

        if (!await _client.TryStartAsync(_options.RetryDeadLetterOrchestrator, retryInstanceId, entry.Record.Id, null, cancellationToken))
        {
            return null;
        }

        await RecordAsync(request, AuditActions.DeadLetterRetry, entry, $"retry instance {retryInstanceId}", cancellationToken);
        return await _started(request, retryInstanceId, cancellationToken);
    }

    /// <summary><c>POST /api/dead-letters/{id}/resolve</c> (optional <c>{note}</c>): 200 with the record; 404 unknown; 409 already resolved.</summary>
    public async Task<IResult> ResolveAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await JsonBody.ReadAsync(request, _options.MaxBodyBytes, cancellationToken);
        if (body.Error is not null)
        {
            return body.Error;
        }

        string? note = null;
        if (body.Root is { } root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return HttpProblems.Validation("$", "The body must be a JSON object such as {\"note\": \"refunded by hand\"}.");
            }

            var unknown = root.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !string.Equals(name, "note", StringComparison.OrdinalIgnoreCase));
            if (unknown is not null)
            {
                return HttpProblems.Validation(unknown, $"'{unknown}' is not a field of this request. Fields: note.");
            }

            if (root.TryGetProperty("note", out var n) && n.ValueKind != JsonValueKind.Null)
            {
                if (n.ValueKind != JsonValueKind.String)
                {
                    return HttpProblems.Validation("note", "'note' must be a string.");
                }

                note = n.GetString();
                if (note!.Length > MaxNoteLength)
                {
                    return HttpProblems.Validation("note", $"'note' must be at most {MaxNoteLength} characters.");
                }
            }
        }

        var resolvedAt = _time.GetUtcNow().UtcDateTime;
        var resolution = string.IsNullOrWhiteSpace(note) ? "resolved by operator" : note;
        var update = await _store.UpdateAsync(
            id,
            e => e.Status == DeadLetterStatus.Resolved ? null : e with { Status = DeadLetterStatus.Resolved, ResolvedAt = resolvedAt, Resolution = resolution },
            cancellationToken);
        if (update is null)
        {
            return UnknownDeadLetter(id);
        }

        if (!update.Changed)
        {
            return HttpProblems.Conflict($"Dead letter '{id}' is already resolved.");
        }

        await RecordAsync(request, AuditActions.DeadLetterResolve, update.Entry, resolution, cancellationToken);
        return Results.Json(DeadLetterView.From(update.Entry, RequestUrls.BaseUrl(request)), SagaHttpJson.Options);
    }

    private Task RecordAsync(HttpRequest request, string action, DeadLetterEntry entry, string? note, CancellationToken cancellationToken) =>
        _audit is null
            ? Task.CompletedTask
            : _audit.RecordAsync(request, action, entry.Record.SagaName, entry.Record.InstanceId, entry.Record.Id, note, cancellationToken);

    private static IResult UnknownDeadLetter(string id) => HttpProblems.NotFound($"No dead letter with id '{id}'.");
}
