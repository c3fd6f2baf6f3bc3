using SagaFunctions.Infra.Tests.Checks;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

public class AppSettingsCheckTests
{
    private static readonly IReadOnlyList<string> Required = RequiredAppSettings.For(null);

    private static IReadOnlyList<string> Check(string bicep) =>
        AppSettingsCheck.Check([Snippet.Doc(bicep)], Required);

    [Fact]
    public void Check_RepositoryFunctionApp_SetsEverySettingTheAppReads()
    {
        var repository = InfraFiles.Repository;
        var required = RequiredAppSettings.For(repository.AppSettingsSource);

        Snippet.NoProblems(AppSettingsCheck.Check(repository.Bicep, required));
        Assert.Contains("TaskHubName", required);
    }

    [Fact]
    public void Check_CorrectSnippet_NoProblems() => Snippet.NoProblems(Check(FunctionAppSnippet.Text));

    [Theory]
    [InlineData("TaskHubName: taskHubName\n")]
    [InlineData("Participants__BaseUrl: 'https://participants.example'\n")]
    [InlineData("AzureWebJobsStorage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue\n")]
    public void Check_RequiredSettingMissing_ReportsIt(string line)
    {
        var name = line[..line.IndexOf(':', StringComparison.Ordinal)];

        Snippet.HasProblem(Check(Snippet.Break(FunctionAppSnippet.Text, line, string.Empty)), $"does not set app setting '{name}'");
    }

    [Fact]
    public void Check_EmptySettingValue_ReportsIt()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "DeadLetters__TableName: 'SagaDeadLetters'", "DeadLetters__TableName: ''");

        Snippet.HasProblem(Check(bicep), "'DeadLetters__TableName' to an empty value");
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'")]
    [InlineData("AzureWebJobsStorage: 'UseDevelopmentStorage=true'")]
    public void Check_SettingFlexRejectsOrThatCarriesKey_ReportsIt(string setting)
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "TaskHubName: taskHubName", "TaskHubName: taskHubName\n  " + setting);

        Snippet.HasProblem(Check(bicep), "which Flex Consumption rejects or which carries a key");
    }

    [Fact]
    public void Check_ConnectionNameRequiredByApp_IsSatisfiedByIdentityBasedForm()
    {
        var required = RequiredAppSettings.For("""public const string AzureWebJobsStorage = "AzureWebJobsStorage";""");

        Snippet.NoProblems(AppSettingsCheck.Check([Snippet.Doc(FunctionAppSnippet.Text)], required));
        var withoutIdentity = Snippet.Break(FunctionAppSnippet.Text, "AzureWebJobsStorage__credential: 'managedidentity'", string.Empty);
        Snippet.HasProblem(AppSettingsCheck.Check([Snippet.Doc(withoutIdentity)], required), "does not set app setting 'AzureWebJobsStorage'");
    }

    [Fact]
    public void Check_CredentialNotManagedIdentity_ReportsIt()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "'managedidentity'", "'connectionstring'");

        Snippet.HasProblem(Check(bicep), "AzureWebJobsStorage__credential must be 'managedidentity'");
    }

    [Fact]
    public void Check_ServiceUriFromWrongEndpoint_ReportsIt()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "primaryEndpoints.table\n", "primaryEndpoints.blob\n");

        Snippet.HasProblem(Check(bicep), "AzureWebJobsStorage__tableServiceUri must come from the storage account's primaryEndpoints.table");
    }

    [Fact]
    public void Check_HardCodedClientId_ReportsIt()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "AzureWebJobsStorage__clientId: identityClientId", "AzureWebJobsStorage__clientId: '00000000-0000-0000-0000-000000000000'");

        Snippet.HasProblem(Check(bicep), "AzureWebJobsStorage__clientId is a hard-coded literal");
    }

    [Fact]
    public void Check_AzureClientIdOfAnotherIdentity_ReportsIt()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "AZURE_CLIENT_ID: identityClientId", "AZURE_CLIENT_ID: otherClientId");

        Snippet.HasProblem(Check(bicep), "name different identities");
    }

    [Fact]
    public void Check_AuthenticationStringWithoutAad_ReportsIt()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, ";Authorization=AAD'", "'");

        Snippet.HasProblem(Check(bicep), "APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be");
    }

    [Fact]
    public void Check_ConnectionStringWrittenAsLiteral_ReportsIt()
    {
        var bicep = Snippet.Break(
            FunctionAppSnippet.Text,
            "APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString",
            "APPLICATIONINSIGHTS_CONNECTION_STRING: 'IngestionEndpoint=https://x'");

        Snippet.HasProblem(Check(bicep), "APPLICATIONINSIGHTS_CONNECTION_STRING must be read from the Application Insights component");
    }

    [Fact]
    public void Check_SettingsSplitAcrossUnionOfVars_AreAllFound()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "  TaskHubName: taskHubName\n", string.Empty)
            + "\nvar hubSettings = {\n  TaskHubName: taskHubName\n}\n";
        bicep = Snippet.Break(bicep, "appSettingsKeyValuePairs: appSettings", "appSettingsKeyValuePairs: union(appSettings, hubSettings)");

        Snippet.NoProblems(Check(bicep));
    }

    [Fact]
    public void Check_SettingsExpressionItCannotFollow_ReportsItInsteadOfGuessing()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "appSettingsKeyValuePairs: appSettings", "appSettingsKeyValuePairs: enabled ? appSettings : {}");

        Snippet.HasProblem(Check(bicep), "cannot follow app settings expression");
    }

    [Fact]
    public void Check_NoFunctionApp_ReportsIt()
    {
        var bicep = Snippet.Break(FunctionAppSnippet.Text, "kind: 'functionapp,linux'", "kind: 'app,linux'");

        Snippet.HasProblem(Check(bicep), "no function app");
    }
}
