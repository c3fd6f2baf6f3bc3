using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SagaFunctions.Participants.Client;

namespace SagaFunctions.Participants.Infrastructure;

/// <summary>
/// OpenAPI metadata of an operation: its response and problem types. (No <c>Accepts</c> metadata: routing would then
/// answer a body without a JSON Content-Type with a bare 415; <see cref="RequestReader"/> reads any body as JSON.)
/// </summary>
internal static class EndpointMetadata
{
    public static RouteHandlerBuilder Operation<TRequest, TResponse>(this RouteHandlerBuilder builder, string summary) =>
        builder
            .Produces<TResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary(summary)
            .WithDescription($"Body: {typeof(TRequest).Name} (JSON). Requires the {ParticipantHeaders.IdempotencyKey} header; a repeat returns the first response.");
}
