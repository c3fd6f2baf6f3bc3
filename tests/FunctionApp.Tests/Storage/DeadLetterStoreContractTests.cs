using Azure.Data.Tables;
using Microsoft.Data.Sqlite;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Standalone.DeadLetters;

namespace SagaFunctions.FunctionApp.Tests.Storage;

/// <summary>The store contract on Standalone's SQLite store (a fresh file per test).</summary>
public sealed class SqliteDeadLetterStoreContractTests : DeadLetterStoreContract, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("dead-letters-");

    public SqliteDeadLetterStoreContractTests() => Store = new SqliteDeadLetterStore(Path.Combine(_directory.FullName, "dead-letters.db"));

    protected override IDeadLetterStore Store { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}

/// <summary>The store contract on FunctionApp's Azure Table store, against Azurite (a fresh table per test).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableDeadLetterStoreContractTests(AzuriteFixture azurite) : DeadLetterStoreContract
{
    protected override IDeadLetterStore Store { get; } =
        new TableDeadLetterStore(new TableClient(azurite.ConnectionString, "deadletters" + Guid.NewGuid().ToString("N")[..16]));
}
