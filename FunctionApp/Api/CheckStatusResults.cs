using Microsoft.AspNetCore.Http;
using SagaFunctions.Http;

namespace SagaFunctions.FunctionApp.Api;

/// <summary>Recognizes the shared API's "started" result: <see cref="SagaApi.CheckStatus"/> (202 + check-status payload).</summary>
public static class CheckStatusResults
{
    /// <summary>The started instance's id, or null for every other result (problems, 404, 409, 200...).</summary>
    public static string? StartedInstanceId(IResult result) =>
        result is WithHeadersResult
        {
            Inner: IStatusCodeHttpResult { StatusCode: StatusCodes.Status202Accepted } and IValueHttpResult { Value: HttpManagementPayload payload },
        }
            ? payload.Id
            : null;
}
