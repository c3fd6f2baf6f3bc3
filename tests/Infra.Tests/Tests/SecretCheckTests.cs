using SagaFunctions.Infra.Tests.Checks;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

public class SecretCheckTests
{
    [Fact]
    public void CheckTexts_RepositoryDeploymentFiles_ContainNoSecret()
    {
        var repository = InfraFiles.Repository;

        Snippet.NoProblems(SecretCheck.CheckTexts(repository.AllTexts));
        Assert.True(repository.AllTexts.Count() >= 7);
    }

    [Fact]
    public void CheckDocuments_RepositoryOutputsAndModules_ExposeNoSecret() =>
        Snippet.NoProblems(SecretCheck.CheckDocuments(InfraFiles.Repository.Bicep));

    [Theory]
    [InlineData("value: storage.listKeys().keys[0].value")]
    [InlineData("value: listAccountSas(storage.id, '2023-05-01', {}).accountSasToken")]
    [InlineData("// AzureWebJobsStorage: 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc'")]
    [InlineData("value: 'Endpoint=sb://x/;SharedAccessKeyName=k;SharedAccessKey=abc'")]
    [InlineData("value: 'InstrumentationKey=00000000-0000-0000-0000-000000000000'")]
    [InlineData("value: 'https://x.blob.core.windows.net/c?sv=2022&sig=abc'")]
    [InlineData("value: cosmos.properties.primaryMasterKey")]
    public void CheckTexts_SecretFragmentAnywhere_ReportsItWithLine(string line)
    {
        var problems = SecretCheck.CheckTexts([("/repo/infra/app/x.bicep", "var a = 1\n" + line + "\n")]);

        Snippet.HasProblem(problems, "/repo/infra/app/x.bicep: line 2 contains");
    }

    [Fact]
    public void CheckTexts_ConnectionStringSettingNameAndIdentityValues_AreNotSecrets()
    {
        var problems = SecretCheck.CheckTexts([("x.bicep", FunctionAppSnippet.Text)]);

        Snippet.NoProblems(problems);
    }

    [Theory]
    [InlineData("output storageKey string = 'x'", "named like a secret")]
    [InlineData("output APPLICATIONINSIGHTS_CONNECTION_STRING string = 'x'", "named like a secret")]
    [InlineData("output insights string = appInsights.outputs.connectionString", "exposes a secret-bearing value")]
    [InlineData("output ikey string = appInsights.outputs.instrumentationKey", "exposes a secret-bearing value")]
    [InlineData("@secure()\noutput hidden string = 'x'", "is @secure()")]
    public void CheckDocuments_SecretLookingOutput_ReportsIt(string output, string expected) =>
        Snippet.HasProblem(SecretCheck.CheckDocuments([Snippet.Doc(output)]), expected);

    [Fact]
    public void CheckDocuments_PlainOutputs_NoProblems() =>
        Snippet.NoProblems(SecretCheck.CheckDocuments([Snippet.Doc("output AZURE_FUNCTION_APP_URL string = 'https://${api.outputs.defaultHostname}'")]));

    [Fact]
    public void CheckDocuments_SiteGivenStorageAccountWithoutIdentityAuthentication_ReportsKeyBasedStorage()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "httpsOnly: true", "httpsOnly: true\n    storageAccountResourceId: storageAccount.id");

        Snippet.HasProblem(SecretCheck.CheckDocuments([Snippet.Doc(bicep)]), "account-key AzureWebJobsStorage");
        var withIdentity = Snippet.Break(bicep, "storageAccountResourceId: storageAccount.id", "storageAccountResourceId: storageAccount.id\n    storageAccountUseIdentityAuthentication: true");
        Snippet.NoProblems(SecretCheck.CheckDocuments([Snippet.Doc(withIdentity)]));
    }
}
