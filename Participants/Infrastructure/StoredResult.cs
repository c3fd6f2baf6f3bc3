using Microsoft.AspNetCore.Http;
using SagaFunctions.Participants.Client;

namespace SagaFunctions.Participants.Infrastructure;

/// <summary>Writes a stored response verbatim; a replay carries <c>Idempotent-Replayed: true</c>.</summary>
internal sealed class StoredResult(StoredResponse response) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = response.StatusCode;
        httpContext.Response.ContentType = response.ContentType + "; charset=utf-8";
        if (response.Replayed)
        {
            httpContext.Response.Headers[ParticipantHeaders.IdempotentReplayed] = "true";
        }

        httpContext.Response.Headers.ContentLength = System.Text.Encoding.UTF8.GetByteCount(response.Body);
        await httpContext.Response.WriteAsync(response.Body, httpContext.RequestAborted);
    }
}
