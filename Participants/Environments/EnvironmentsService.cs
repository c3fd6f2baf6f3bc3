using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Environments;

/// <summary>
/// Environments: the deployed version of <c>staging</c> and <c>production</c>, integration test runs, roll back by
/// the deployment's idempotency key, DNS, and a log of everything done per deployment (kept across rollbacks).
/// Test outcome: <see cref="EnvironmentsOptions.TestsOutcome"/> (<c>auto</c> fails a version or image tag that
/// contains "fail").
/// </summary>
internal sealed class EnvironmentsService : IDisposable
{
    public const string Deploy = "deploy";
    public const string Tests = "tests";
    public const string Rollback = "rollback";
    public const string Dns = "dns";
    public const string Logs = "logs";

    public const string Staging = "staging";
    public const string Production = "production";

    private const int TestCount = 42;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS environments (
            name TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            previous_version TEXT NULL,
            updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS deployments (
            deploy_id TEXT PRIMARY KEY,
            deploy_key TEXT NOT NULL UNIQUE,
            deployment_id TEXT NOT NULL,
            environment TEXT NOT NULL,
            version TEXT NOT NULL,
            image_tag TEXT NULL,
            previous_version TEXT NULL,
            status TEXT NOT NULL,
            created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS dns (
            hostname TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            previous_version TEXT NULL,
            updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS logs (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            deployment_id TEXT NOT NULL,
            environment TEXT NOT NULL,
            line TEXT NOT NULL);
        """;

    private readonly EnvironmentsOptions _options;

    public EnvironmentsService(IOptions<ParticipantsOptions> options)
    {
        _options = options.Value.Environments;
        Database = new ParticipantDatabase(ParticipantCatalog.Environments, options.Value, Schema, Seed);
    }

    public ParticipantDatabase Database { get; }

    public static void ValidateDeploy(DeployRequest request, ValidationErrors errors) =>
        errors.Required("deploymentId", request.DeploymentId).OneOf("environment", request.Environment, Staging, Production).Required("version", request.Version);

    public static void ValidateTests(RunTestsRequest request, ValidationErrors errors) =>
        errors.Required("deploymentId", request.DeploymentId).Required("version", request.Version);

    public static void ValidateRollback(RollbackRequest request, ValidationErrors errors) =>
        errors.Required("deployKey", request.DeployKey, 256);

    public static void ValidateDns(UpdateDnsRequest request, ValidationErrors errors) =>
        errors.Required("deploymentId", request.DeploymentId).Required("version", request.Version);

    public static void ValidateLogs(CollectLogsRequest request, ValidationErrors errors) =>
        errors.Required("deploymentId", request.DeploymentId).OneOf("environment", request.Environment, Staging, Production);

    public Outcome ExecuteDeploy(OperationContext context, DeployRequest request)
    {
        var tx = context.Transaction;
        var previous = CurrentVersion(tx, request.Environment);
        tx.Execute(
            "UPDATE environments SET version = $version, previous_version = $previous, updated_at = $at WHERE name = $env",
            ("$version", request.Version),
            ("$previous", previous),
            ("$at", Timestamps.Format(context.Now)),
            ("$env", request.Environment));
        var deployId = Ids.New("dep");
        tx.Execute(
            """
            INSERT INTO deployments (deploy_id, deploy_key, deployment_id, environment, version, image_tag, previous_version, status, created_at)
            VALUES ($id, $key, $deployment, $env, $version, $image, $previous, 'deployed', $at)
            """,
            ("$id", deployId),
            ("$key", context.IdempotencyKey),
            ("$deployment", request.DeploymentId),
            ("$env", request.Environment),
            ("$version", request.Version),
            ("$image", request.ImageTag),
            ("$previous", previous),
            ("$at", Timestamps.Format(context.Now)));
        Log(context, request.DeploymentId, request.Environment,
            $"deployed {request.Version}{(request.ImageTag is null ? string.Empty : $" (image {request.ImageTag})")} to {request.Environment}, replacing {previous ?? "nothing"}");
        return Outcome.Ok(new DeployResponse(deployId, request.DeploymentId, request.Environment, request.Version, previous));
    }

    public Outcome ExecuteTests(OperationContext context, RunTestsRequest request)
    {
        var fails = _options.TestsOutcome switch
        {
            "pass" => false,
            "fail" => true,
            _ => request.Version.Contains("fail", StringComparison.OrdinalIgnoreCase)
                || (request.ImageTag?.Contains("fail", StringComparison.OrdinalIgnoreCase) ?? false),
        };
        if (fails)
        {
            var summary = $"integration tests of {request.Version}: {TestCount - 3}/{TestCount} passed; failed: checkout-flow, payment-callback, order-history";
            Log(context, request.DeploymentId, Staging, summary);
            return Outcome.Unprocessable(RejectionCodes.TestsFailed, summary);
        }

        var passed = $"integration tests of {request.Version}: {TestCount}/{TestCount} passed";
        Log(context, request.DeploymentId, Staging, passed);
        return Outcome.Ok(new RunTestsResponse(true, passed));
    }

    public Outcome ExecuteRollback(OperationContext context, RollbackRequest request)
    {
        var tx = context.Transaction;
        var deployment = tx.Single(
            "SELECT deploy_id, deployment_id, environment, version, previous_version, status FROM deployments WHERE deploy_key = $key",
            r => new DeploymentRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableString(4), r.GetString(5)),
            ("$key", request.DeployKey));
        if (deployment is null)
        {
            context.Tombstone(Deploy, request.DeployKey, "rollback " + context.IdempotencyKey);
            return Outcome.Ok(new RollbackResponse("nothing_to_roll_back", true, null, null));
        }

        var current = CurrentVersion(tx, deployment.Environment);
        if (deployment.Status == "rolled_back")
        {
            return Outcome.Ok(new RollbackResponse("already_rolled_back", false, deployment.Environment, current));
        }

        var restored = current;
        if (current == deployment.Version && deployment.PreviousVersion is not null)
        {
            restored = deployment.PreviousVersion;
            tx.Execute(
                "UPDATE environments SET version = $version, previous_version = $current, updated_at = $at WHERE name = $env",
                ("$version", restored),
                ("$current", current),
                ("$at", Timestamps.Format(context.Now)),
                ("$env", deployment.Environment));
        }

        tx.Execute("UPDATE deployments SET status = 'rolled_back' WHERE deploy_id = $id", ("$id", deployment.DeployId));
        Log(context, deployment.DeploymentId, deployment.Environment, $"rolled back {deployment.Version} on {deployment.Environment}; now running {restored}");
        return Outcome.Ok(new RollbackResponse("rolled_back", false, deployment.Environment, restored));
    }

    public Outcome ExecuteDns(OperationContext context, UpdateDnsRequest request)
    {
        var previous = context.Transaction.Single(
            "SELECT version FROM dns WHERE hostname = $host",
            r => r.GetString(0),
            ("$host", _options.Hostname));
        context.Transaction.Execute(
            """
            INSERT INTO dns (hostname, version, previous_version, updated_at) VALUES ($host, $version, $previous, $at)
            ON CONFLICT (hostname) DO UPDATE SET version = excluded.version, previous_version = excluded.previous_version, updated_at = excluded.updated_at
            """,
            ("$host", _options.Hostname),
            ("$version", request.Version),
            ("$previous", previous),
            ("$at", Timestamps.Format(context.Now)));
        Log(context, request.DeploymentId, Production, $"DNS {_options.Hostname} now points at {request.Version} (was {previous ?? "nothing"})");
        return Outcome.Ok(new UpdateDnsResponse(_options.Hostname, request.Version, previous));
    }

    public Outcome ExecuteLogs(OperationContext context, CollectLogsRequest request)
    {
        var lines = context.Transaction.List(
            "SELECT line FROM logs WHERE deployment_id = $deployment AND environment = $env ORDER BY sequence",
            r => r.GetString(0),
            ("$deployment", request.DeploymentId),
            ("$env", request.Environment));
        return Outcome.Ok(new CollectLogsResponse(request.DeploymentId, request.Environment, lines));
    }

    public Task<EnvironmentView?> GetAsync(string environment, CancellationToken cancellationToken) =>
        Database.ReadAsync(
            tx => tx.Single("SELECT name, version, previous_version FROM environments WHERE name = $env", MapEnvironment, ("$env", environment)),
            cancellationToken);

    public Task<List<EnvironmentView>> ListAsync(CancellationToken cancellationToken) =>
        Database.ReadAsync(tx => tx.List("SELECT name, version, previous_version FROM environments ORDER BY name", MapEnvironment), cancellationToken);

    public void Dispose() => Database.Dispose();

    private static string? CurrentVersion(SqliteTransaction tx, string environment) =>
        tx.Single("SELECT version FROM environments WHERE name = $env", r => r.GetString(0), ("$env", environment));

    private static void Log(OperationContext context, string deploymentId, string environment, string line) =>
        context.Transaction.Execute(
            "INSERT INTO logs (deployment_id, environment, line) VALUES ($deployment, $env, $line)",
            ("$deployment", deploymentId),
            ("$env", environment),
            ("$line", $"{context.Now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} {line}"));

    private static EnvironmentView MapEnvironment(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.NullableString(2));

    private void Seed(SqliteTransaction tx)
    {
        tx.Execute("INSERT INTO environments (name, version, updated_at) VALUES ('staging', '1.0.0', ''), ('production', '1.0.0', '')");
        tx.Execute("INSERT INTO dns (hostname, version, updated_at) VALUES ($host, '1.0.0', '')", ("$host", _options.Hostname));
    }

    private sealed record DeploymentRow(string DeployId, string DeploymentId, string Environment, string Version, string? PreviousVersion, string Status);
}
