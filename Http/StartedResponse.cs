using Microsoft.AspNetCore.Http;

namespace SagaFunctions.Http;

/// <summary>
/// How a host answers a successful start (a saga, or a dead-letter retry). The default is
/// <see cref="SagaApi.CheckStatus(string, string)"/> (202 + <c>Location</c> + the check-status payload); FunctionApp
/// passes Durable's own <c>CreateCheckStatusResponseAsync</c>, whose webhook URLs carry the task hub and system key.
/// </summary>
public delegate Task<IResult> StartedResponse(HttpRequest request, string instanceId, CancellationToken cancellationToken);

/// <summary>
/// The management URLs of an instance as the host serves them: Standalone on the request's base URL, FunctionApp from
/// the <c>[DurableClient]</c> binding (with the task hub, connection and system key Azure requires).
/// </summary>
public delegate HttpManagementPayload ManagementUrls(HttpRequest request, string instanceId);
