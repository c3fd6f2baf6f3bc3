using Azure.Data.Tables;
using Microsoft.Data.Sqlite;
using SagaFunctions.FunctionApp.Operations;
using SagaFunctions.Http.Audit;
using SagaFunctions.Standalone.Operations;

namespace SagaFunctions.FunctionApp.Tests.Storage;

/// <summary>The audit contract on Standalone's SQLite log (a fresh file per test).</summary>
public sealed class SqliteAuditLogContractTests : AuditLogContract, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("audit-");

    public SqliteAuditLogContractTests() => Log = new SqliteAuditLog(Path.Combine(_directory.FullName, "audit.db"));

    protected override IAuditLog Log { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}

/// <summary>The audit contract on FunctionApp's Azure Table log, against Azurite (a fresh table per test).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableAuditLogContractTests(AzuriteFixture azurite) : AuditLogContract
{
    protected override IAuditLog Log { get; } =
        new TableAuditLog(new TableClient(azurite.ConnectionString, "audit" + Guid.NewGuid().ToString("N")[..16]));
}
