using SagaFunctions.Infra.Tests.Checks;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

public class StorageCheckTests
{
    private const string Storage = """
        param deadLetterTableName string = 'SagaDeadLetters'

        module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
          name: 'storage'
          scope: rg
          params: {
            name: 'stsagas'
            allowBlobPublicAccess: false
            allowSharedKeyAccess: false
            blobServices: {
              containers: [
                {
                  name: 'app-package'
                }
              ]
            }
            tableServices: {
              tables: [
                {
                  name: deadLetterTableName
                }
              ]
            }
          }
        }
        """;

    private static IReadOnlyList<string> Check(string bicep) => StorageCheck.Check([Snippet.Doc(bicep)], "SagaDeadLetters");

    [Fact]
    public void Check_RepositoryStorage_IsKeylessWithDeadLetterTableAndPackageContainer() =>
        Snippet.NoProblems(StorageCheck.Check(InfraFiles.Repository.Bicep, "SagaDeadLetters"));

    [Fact]
    public void Check_CorrectSnippet_NoProblems() => Snippet.NoProblems(Check(Storage));

    [Fact]
    public void Check_SharedKeyAccessNotSet_ReportsItBecauseAvmDefaultsToTrue()
    {
        var bicep = Snippet.Break(Storage, "allowSharedKeyAccess: false", string.Empty);

        Snippet.HasProblem(Check(bicep), "does not set allowSharedKeyAccess: false");
    }

    [Fact]
    public void Check_SharedKeyAccessOnlyInComment_ReportsIt()
    {
        var bicep = Snippet.Break(Storage, "allowSharedKeyAccess: false", "// allowSharedKeyAccess: false");

        Snippet.HasProblem(Check(bicep), "does not set allowSharedKeyAccess: false");
    }

    [Fact]
    public void Check_SharedKeyAccessTrueAnywhere_ReportsIt()
    {
        var bicep = Storage + """

            resource legacy 'Microsoft.Storage/storageAccounts@2023-05-01' = {
              name: 'legacy'
              properties: {
                allowSharedKeyAccess: true
              }
            }
            """;

        var problems = Check(bicep);

        Snippet.HasProblem(problems, "'allowSharedKeyAccess: true' turns shared-key access on");
        Snippet.HasProblem(problems, "resource 'legacy' does not set allowSharedKeyAccess: false");
    }

    [Fact]
    public void Check_PublicBlobAccess_ReportsIt()
    {
        var bicep = Snippet.Break(Storage, "allowBlobPublicAccess: false", "allowBlobPublicAccess: true");

        Snippet.HasProblem(Check(bicep), "sets allowBlobPublicAccess: true");
    }

    [Fact]
    public void Check_DeadLetterTableMissingOrMisnamed_ReportsIt()
    {
        var misnamed = Snippet.Break(Storage, "'SagaDeadLetters'", "'DeadLetters'");

        Snippet.HasProblem(Check(misnamed), "creates the dead-letter table 'SagaDeadLetters'");
    }

    [Fact]
    public void Check_NoPackageContainer_ReportsIt()
    {
        var bicep = Snippet.Break(Storage, "containers: [", "containersX: [");

        Snippet.HasProblem(Check(bicep), "blob container for the deployment package");
    }

    [Fact]
    public void Check_NoStorageAccount_ReportsIt() =>
        Snippet.HasProblem(Check("resource s 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {\n  name: 'x'\n}"), "no storage account");
}
