using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Kernel.Definitions;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Deployment;

/// <summary>
/// Deploy to staging → run integration tests → deploy to production → update DNS. Before any rollback, the logs of
/// every environment about to be rolled back are collected (the participant archives them) and returned in
/// <see cref="DeploymentResult.Logs"/>. Tests failed: staging rolled back, <c>tests_failed</c>; production or DNS failed:
/// production (if deployed) and staging rolled back, <c>failed</c>.
/// </summary>
public static class DeploymentSaga
{
    public const string Route = "deployment";

    public const string Staging = "staging";

    public const string Production = "production";

    public const string Deployed = "deployed";

    public const string TestsFailed = "tests_failed";

    public const string Failed = "failed";

    public static SagaOptions Options { get; } = SagaOptions.Default;

    /// <summary>The saga as data (<c>GET /api/definitions/deployment</c>): each rollback first collects the environment's logs.</summary>
    public static SagaDefinition Definition { get; } = new(
        Route,
        SagaDefinition.CodeKind,
        "1",
        "Deploy to staging, run the integration tests, deploy to production, update DNS; a rollback first collects the environment's logs.",
        [
            new(nameof(DeploymentActivities.DeployStaging), nameof(DeploymentActivities.RollbackStaging), MaxAttempts: Options.StepRetry.MaxAttempts, BeforeCompensation: nameof(DeploymentActivities.CollectLogs)),
            new(nameof(DeploymentActivities.RunIntegrationTests), null, MaxAttempts: Options.StepRetry.MaxAttempts),
            new(nameof(DeploymentActivities.DeployProduction), nameof(DeploymentActivities.RollbackProduction), MaxAttempts: Options.StepRetry.MaxAttempts, BeforeCompensation: nameof(DeploymentActivities.CollectLogs)),
            new(nameof(DeploymentActivities.UpdateDns), null, MaxAttempts: Options.StepRetry.MaxAttempts),
        ],
        [],
        [Saga.CancelEventName],
        [Deployed, TestsFailed, Failed, SagaEnd.CancelledStatus]);

    /// <summary>The saga as the hosts see it (route, types, events, activities): the one declaration they are built from.</summary>
    public static SagaDeclaration Declaration { get; } = SagaDeclaration.For<DeploymentRequest, DeploymentResult>(Route, nameof(DeploymentSaga), RunAsync, Definition)
        .WithActivities<DeploymentActivities>();

    public static Task<DeploymentResult> RunAsync(IOrchestrationContext context) => SagaTelemetry.RunAsync(context, Route, RunSagaAsync);

    private static async Task<DeploymentResult> RunSagaAsync(IOrchestrationContext context)
    {
        var request = SagaInputs.Require<DeploymentRequest>(context);
        var saga = new Saga(context, Route, Options);
        var result = new DeploymentResult { Status = Failed, DeploymentId = request.DeploymentId, Version = request.Version };
        try
        {
            var staging = await saga.Step<DeployResponse>(nameof(DeploymentActivities.DeployStaging), new DeployRequest(request.DeploymentId, Staging, request.Version, request.ImageTag))
                .CompensateWith(nameof(DeploymentActivities.RollbackStaging));
            result = result with { StagingDeployId = staging.DeployId };

            var tests = await saga.Step<RunTestsResponse>(nameof(DeploymentActivities.RunIntegrationTests), new RunTestsRequest(request.DeploymentId, request.Version, request.ImageTag));
            result = result with { TestSummary = tests.Summary };

            var production = await saga.Step<DeployResponse>(nameof(DeploymentActivities.DeployProduction), new DeployRequest(request.DeploymentId, Production, request.Version, request.ImageTag))
                .CompensateWith(nameof(DeploymentActivities.RollbackProduction));
            result = result with { ProductionDeployId = production.DeployId };

            var dns = await saga.Step<UpdateDnsResponse>(nameof(DeploymentActivities.UpdateDns), new UpdateDnsRequest(request.DeploymentId, request.Version));
            result = result with { Status = Deployed, Hostname = dns.Hostname };
            return saga.Succeed(result);
        }
        catch (SagaFailedException ex)
        {
            var logs = await CollectLogsAsync(saga, request, EnvironmentsToRollBack(saga, ex.Failure));
            var status = ex.Failure.IsAt(nameof(DeploymentActivities.RunIntegrationTests)) ? TestsFailed : Failed;
            return await saga.CompensateAndEndAsync(ex.Failure, result with { Logs = logs }, status);
        }
    }

    /// <summary>
    /// The environments whose deploy step completed, or failed without a definite "no" (in doubt, or interrupted by a
    /// cancel): their rollback is on the stack. Newest first, the order of the rollbacks.
    /// </summary>
    private static List<string> EnvironmentsToRollBack(Saga saga, SagaFailure failure)
    {
        bool Touched(string step) => saga.CompletedSteps.Contains(step) || (failure.IsAt(step) && failure.Kind != SagaFailureKind.Rejected);
        var environments = new List<string>();
        if (Touched(nameof(DeploymentActivities.DeployProduction)))
        {
            environments.Add(Production);
        }

        if (Touched(nameof(DeploymentActivities.DeployStaging)))
        {
            environments.Add(Staging);
        }

        return environments;
    }

    /// <summary>
    /// Collects the logs before the rollbacks run. Called directly on the port (not as a saga step) so it also runs
    /// after a cancel; a failure to collect is recorded in the log entry and never blocks the rollback.
    /// </summary>
    private static async Task<List<DeploymentLog>> CollectLogsAsync(Saga saga, DeploymentRequest request, List<string> environments)
    {
        var logs = new List<DeploymentLog>();
        foreach (var environment in environments)
        {
            var step = $"{nameof(DeploymentActivities.CollectLogs)}[{environment}]";
            var input = new StepInput<CollectLogsRequest>(saga.KeyFor(step), new CollectLogsRequest(request.DeploymentId, environment));
            try
            {
                var collected = await saga.Context.CallActivityAsync<StepResult<CollectLogsResponse>>(nameof(DeploymentActivities.CollectLogs), input, Options.StepRetry);
                logs.Add(collected is { IsRejected: false, Value: { } value }
                    ? new DeploymentLog(environment, value.Lines)
                    : new DeploymentLog(environment, [], $"{collected?.RejectionCode}: {collected?.RejectionMessage}"));
            }
            catch (ActivityFailedException ex)
            {
                logs.Add(new DeploymentLog(environment, [], $"{ex.ErrorType}: {ex.ErrorMessage}"));
            }
        }

        return logs;
    }
}
