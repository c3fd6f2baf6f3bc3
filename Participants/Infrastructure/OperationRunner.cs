using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Faults;

namespace SagaFunctions.Participants.Infrastructure;

/// <summary>
/// The pipeline every mutating participant operation goes through:
/// <list type="number">
/// <item>the <c>Idempotency-Key</c> header is required (400 naming it);</item>
/// <item>the JSON body is read and validated (400 naming the field);</item>
/// <item>injected faults apply (503/500, nothing done, nothing stored);</item>
/// <item>under the service's lock, in one immediate transaction: a stored response for (operation, key) is replayed
/// (a different request under the same key is refused with 409 <c>idempotency_key_reused</c>); otherwise the
/// operation runs and its response (success or business rejection) is stored with its effect.</item>
/// </list>
/// Once the body is read, the operation runs to its end even if the caller stops waiting (a client timeout does not
/// reach a real service's database either): a caller that gave up on a slow call is in doubt, and its retry under the
/// same key gets the stored answer. Only the app's shutdown cancels it.
/// </summary>
internal sealed class OperationRunner(FaultInjector faults, TimeProvider time, IOptions<ParticipantsOptions> options, IHostApplicationLifetime lifetime)
{
    private const int MaxKeyLength = 256;

    public async Task<IResult> RunAsync<TRequest>(
        HttpContext http,
        ParticipantDatabase database,
        string operation,
        Action<TRequest, ValidationErrors> validate,
        Func<OperationContext, TRequest, Outcome> execute)
        where TRequest : class
    {
        var instance = http.Request.Path.Value;
        var headers = http.Request.Headers[ParticipantHeaders.IdempotencyKey];
        var key = headers.Count == 1 ? headers[0]?.Trim() : null;
        if (headers.Count > 1)
        {
            return Problems.Validation(ParticipantHeaders.IdempotencyKey, "Send exactly one Idempotency-Key header.", instance);
        }

        if (string.IsNullOrEmpty(key))
        {
            return Problems.Validation(ParticipantHeaders.IdempotencyKey, "The Idempotency-Key header is required.", instance);
        }

        if (key.Length > MaxKeyLength)
        {
            return Problems.Validation(ParticipantHeaders.IdempotencyKey, $"The Idempotency-Key header must be at most {MaxKeyLength} characters.", instance);
        }

        var (request, error) = await RequestReader.ReadAsync<TRequest>(http.Request, options.Value.MaxRequestBodyBytes, http.RequestAborted);
        if (error is not null)
        {
            return error;
        }

        var errors = new ValidationErrors();
        validate(request!, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors.ToDictionary(), instance);
        }

        var stopping = lifetime.ApplicationStopping;
        var fault = await faults.ApplyAsync(database.Service, operation, key, stopping);
        if (fault is not null && !fault.AfterEffect)
        {
            if (fault.StatusCode == StatusCodes.Status503ServiceUnavailable)
            {
                http.Response.Headers.RetryAfter = "1";
            }

            return Problems.Result(fault.StatusCode, fault.StatusCode == StatusCodes.Status422UnprocessableEntity ? RejectionCodes.InjectedRejection : RejectionCodes.InjectedFault, fault.Detail, instance);
        }

        var hash = IdempotencyStore.Hash(request);
        var response = await database.WriteAsync(
            transaction =>
            {
                var now = time.GetUtcNow();
                if (IdempotencyStore.Find(transaction, operation, key) is { } stored)
                {
                    return stored.Hash is null || stored.Hash == hash
                        ? stored.Response with { Replayed = true }
                        : new StoredResponse(
                            StatusCodes.Status409Conflict,
                            Problems.ContentType,
                            Problems.Serialize(
                                StatusCodes.Status409Conflict,
                                RejectionCodes.IdempotencyKeyReused,
                                $"The idempotency key '{key}' was already used for a different {database.Service} {operation} request.",
                                instance));
                }

                var outcome = execute(new OperationContext(transaction, key, now), request!);
                var fresh = outcome.IsRejection
                    ? new StoredResponse(outcome.StatusCode, Problems.ContentType, Problems.Serialize(outcome.StatusCode, outcome.Reason!, outcome.Detail!, instance))
                    : new StoredResponse(outcome.StatusCode, "application/json", JsonSerializer.Serialize(outcome.Value, outcome.Value!.GetType(), ParticipantJson.Options));
                IdempotencyStore.Save(transaction, operation, key, hash, fresh, now);
                return fresh;
            },
            stopping);
        if (fault is not null)
        {
            // Mode 'lost': the effect and its stored answer are committed above; the caller only sees a failure.
            http.Response.Headers.RetryAfter = "1";
            return Problems.Result(fault.StatusCode, RejectionCodes.InjectedFault, fault.Detail, instance);
        }

        return new StoredResult(response);
    }
}
