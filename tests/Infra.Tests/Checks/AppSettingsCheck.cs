using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Checks;

/// <summary>
/// The function app sets every required app setting to a non-empty value (a connection name such as
/// AzureWebJobsStorage counts as set through its identity-based <c>__credential</c> form), the storage settings are identity-based
/// and point at the right endpoints, Application Insights authenticates with the same identity, and none of the
/// settings that Flex Consumption rejects or that would carry a key is present.
/// </summary>
public static class AppSettingsCheck
{
    /// <summary>Settings that Flex Consumption does not accept, or that hold a storage connection string.</summary>
    public static readonly IReadOnlyList<string> Forbidden =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_CONTENTSHARE",
        "AzureWebJobsStorage",
        "AzureWebJobsDashboard",
        "APPINSIGHTS_INSTRUMENTATIONKEY",
    ];

    public static IReadOnlyList<string> Check(IEnumerable<BicepDocument> documents, IReadOnlyList<string> required)
    {
        ArgumentNullException.ThrowIfNull(required);
        var problems = new List<string>();
        var functionApps = SiteModules.FunctionApps(documents);
        if (functionApps.Count == 0)
        {
            return ["no function app (site of kind functionapp*) is declared."];
        }

        foreach (var app in functionApps)
        {
            var settings = SiteModules.AppSettings(app, problems);
            foreach (var name in required)
            {
                if (!settings.TryGetValue(name, out var value))
                {
                    // A connection named X is defined either by X (a connection string) or by identity-based
                    // X__* settings; the second form is the one allowed here.
                    if (settings.ContainsKey($"{name}__credential"))
                    {
                        continue;
                    }

                    problems.Add($"{app.Describe} does not set app setting '{name}'.");
                }
                else if (value.Text.Length == 0 || value.StringLiteral == string.Empty || value.Text == "null")
                {
                    problems.Add($"{app.Describe} sets app setting '{name}' to an empty value.");
                }
            }

            foreach (var name in Forbidden.Where(settings.ContainsKey))
            {
                problems.Add($"{app.Describe} sets '{name}', which Flex Consumption rejects or which carries a key.");
            }

            CheckValues(app, settings, problems);
        }

        return problems;
    }

    private static void CheckValues(SiteModules.Site app, IReadOnlyDictionary<string, BicepValue> settings, List<string> problems)
    {
        string? Text(string name) => settings.TryGetValue(name, out var value) ? value.Text : null;

        if (Text("AzureWebJobsStorage__credential") is { } credential && app.Document.ResolveString(credential) != "managedidentity")
        {
            problems.Add($"{app.Describe}: AzureWebJobsStorage__credential must be 'managedidentity', not {credential}.");
        }

        foreach (var service in new[] { "blob", "queue", "table" })
        {
            var name = $"AzureWebJobsStorage__{service}ServiceUri";
            if (Text(name) is { } uri && !uri.Contains($"primaryEndpoints.{service}", StringComparison.Ordinal))
            {
                problems.Add($"{app.Describe}: {name} must come from the storage account's primaryEndpoints.{service}, not {uri}.");
            }
        }

        var clientId = Text("AzureWebJobsStorage__clientId");
        if (clientId is not null && app.Document.ResolveString(clientId) is not null)
        {
            problems.Add($"{app.Describe}: AzureWebJobsStorage__clientId is a hard-coded literal; it must be the identity's client id.");
        }

        if (Text("AZURE_CLIENT_ID") is { } azureClientId && clientId is not null && azureClientId != clientId)
        {
            problems.Add($"{app.Describe}: AZURE_CLIENT_ID ({azureClientId}) and AzureWebJobsStorage__clientId ({clientId}) name different identities.");
        }

        if (Text("APPLICATIONINSIGHTS_AUTHENTICATION_STRING") is { } authentication)
        {
            var resolved = app.Document.ResolveString(authentication) ?? ResolveThroughVar(app.Document, authentication);
            if (!resolved.Contains("Authorization=AAD", StringComparison.Ordinal)
                || clientId is null
                || !resolved.Contains($"ClientId=${{{clientId}}}", StringComparison.Ordinal))
            {
                problems.Add($"{app.Describe}: APPLICATIONINSIGHTS_AUTHENTICATION_STRING must be 'ClientId=${{<identity client id>}};Authorization=AAD', not {authentication}.");
            }
        }

        if (Text("APPLICATIONINSIGHTS_CONNECTION_STRING") is { } connection
            && (app.Document.ResolveString(connection) is not null || !connection.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"{app.Describe}: APPLICATIONINSIGHTS_CONNECTION_STRING must be read from the Application Insights component, not written as {connection}.");
        }
    }

    private static string ResolveThroughVar(BicepDocument document, string expression) =>
        document.Var(expression.Trim())?.Text ?? expression;
}
