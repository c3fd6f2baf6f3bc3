using Microsoft.AspNetCore.Http;
using SagaFunctions.FunctionApp.Api;
using SagaFunctions.Http;

namespace SagaFunctions.FunctionApp.Tests;

public class CheckStatusResultsTests
{
    [Fact]
    public void StartedInstanceId_SharedCheckStatusResult_ReturnsInstanceId() =>
        Assert.Equal("abc", CheckStatusResults.StartedInstanceId(SagaApi.CheckStatus("http://localhost:7071", "abc")));

    [Fact]
    public void StartedInstanceId_ProblemOrOtherResult_ReturnsNull()
    {
        Assert.Null(CheckStatusResults.StartedInstanceId(Results.Ok()));
        Assert.Null(CheckStatusResults.StartedInstanceId(Results.Accepted()));
        Assert.Null(CheckStatusResults.StartedInstanceId(Results.Problem(statusCode: StatusCodes.Status409Conflict)));
        Assert.Null(CheckStatusResults.StartedInstanceId(new WithHeadersResult(Results.Ok(), new KeyValuePair<string, string>("Location", "x"))));
    }
}
