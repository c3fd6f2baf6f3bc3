using Microsoft.AspNetCore.Http.Metadata;

namespace SagaFunctions.Standalone.Endpoints;

/// <summary>
/// Documents a JSON request body for OpenAPI without asking routing to enforce the content type: the handlers read and
/// validate the body themselves (the same code runs in Azure Functions), so a JSON body sent as <c>text/plain</c> or
/// by <c>curl -d</c> without a header is accepted rather than answered with 415.
/// </summary>
internal sealed class JsonBodyMetadata(Type requestType) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes => [];

    public Type? RequestType { get; } = requestType;

    public bool IsOptional => false;
}
