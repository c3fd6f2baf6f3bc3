using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Checks;

/// <summary>
/// Hosting: a Flex Consumption (FC1, Linux) plan; a function app running dotnet-isolated 10.0 that pulls its
/// package from a blob container with the user-assigned identity; and the participants web app on Linux .NET 10,
/// HTTPS only, with its SQLite folder on persistent /home storage.
/// </summary>
public static class HostingCheck
{
    public const string ParticipantsDataDirectory = "/home/data/participants";

    public static IReadOnlyList<string> CheckFunctionApp(IEnumerable<BicepDocument> documents)
    {
        var list = documents.ToList();
        var problems = new List<string>();
        var flexPlans = list.SelectMany(d => d.ModulesReferencing("avm/res/web/serverfarm:").Select(m => (Document: d, Plan: m)))
            .Where(x => x.Plan.Settings?.Path("sku", "name") is { } name && x.Document.ResolveString(name.Text) == "FC1")
            .ToList();
        if (flexPlans.Count == 0)
        {
            problems.Add("no App Service plan with sku name 'FC1' (Flex Consumption) is declared.");
        }

        foreach (var (document, plan) in flexPlans)
        {
            if (plan.Settings?.Path("sku", "tier") is not { } tier || document.ResolveString(tier.Text) != "FlexConsumption")
            {
                problems.Add($"{document.Path}: plan '{plan.Symbol}' is FC1 but its tier is not 'FlexConsumption'.");
            }

            if (plan.Settings?.Property("reserved")?.Text != "true")
            {
                problems.Add($"{document.Path}: plan '{plan.Symbol}' is FC1 but not reserved: true (Flex Consumption is Linux only).");
            }
        }

        var apps = SiteModules.FunctionApps(list);
        if (apps.Count == 0)
        {
            problems.Add("no function app (site of kind functionapp*) is declared.");
        }

        foreach (var app in apps)
        {
            string? Literal(params string[] path) =>
                app.Settings?.Path(path) is { } value ? app.Document.ResolveString(value.Text) : null;

            if (app.Kind != "functionapp,linux")
            {
                problems.Add($"{app.Describe} is of kind '{app.Kind}', not 'functionapp,linux'.");
            }

            Expect(problems, app.Describe, "functionAppConfig.runtime.name", Literal("functionAppConfig", "runtime", "name"), "dotnet-isolated");
            Expect(problems, app.Describe, "functionAppConfig.runtime.version", Literal("functionAppConfig", "runtime", "version"), "10.0");
            Expect(problems, app.Describe, "functionAppConfig.deployment.storage.type", Literal("functionAppConfig", "deployment", "storage", "type"), "blobContainer");
            Expect(problems, app.Describe, "functionAppConfig.deployment.storage.authentication.type",
                Literal("functionAppConfig", "deployment", "storage", "authentication", "type"), "UserAssignedIdentity");

            if (app.Settings?.Path("managedIdentities", "userAssignedResourceIds")?.Items().Count is null or 0)
            {
                problems.Add($"{app.Describe} assigns no user-assigned identity (managedIdentities.userAssignedResourceIds).");
            }

            if (app.Settings?.Property("httpsOnly")?.Text is { } httpsOnly && httpsOnly != "true")
            {
                problems.Add($"{app.Describe} sets httpsOnly: {httpsOnly}.");
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> CheckParticipantsApp(IEnumerable<BicepDocument> documents)
    {
        var problems = new List<string>();
        var apps = SiteModules.WebApps(documents);
        if (apps.Count == 0)
        {
            return ["no web app (site of kind app*) for the participants is declared."];
        }

        foreach (var app in apps)
        {
            if (app.Kind != "app,linux")
            {
                problems.Add($"{app.Describe} is of kind '{app.Kind}', not 'app,linux'.");
            }

            var fx = app.Settings?.Path("siteConfig", "linuxFxVersion") is { } value ? app.Document.ResolveString(value.Text) : null;
            Expect(problems, app.Describe, "siteConfig.linuxFxVersion", fx, "DOTNETCORE|10.0");

            if (app.Settings?.Property("httpsOnly")?.Text != "true")
            {
                problems.Add($"{app.Describe} does not set httpsOnly: true.");
            }

            var settings = SiteModules.AppSettings(app, problems);
            string? Setting(string name) =>
                settings.TryGetValue(name, out var setting) ? app.Document.ResolveString(setting.Text) : null;
            Expect(problems, app.Describe, "app setting WEBSITES_ENABLE_APP_SERVICE_STORAGE", Setting("WEBSITES_ENABLE_APP_SERVICE_STORAGE"), "true");
            Expect(problems, app.Describe, "app setting Participants__DataDirectory", Setting("Participants__DataDirectory"), ParticipantsDataDirectory);

            if (!app.Document.Outputs.Any(o => o.Name == "url" && o.Expression.StartsWith("'https://", StringComparison.Ordinal)))
            {
                problems.Add($"{app.Document.Path}: the participants module has no 'url' output starting with 'https://' (the FunctionApp's Participants__BaseUrl).");
            }
        }

        return problems;
    }

    private static void Expect(List<string> problems, string where, string what, string? actual, string expected)
    {
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            problems.Add($"{where}: {what} is {(actual is null ? "missing or computed" : $"'{actual}'")}, expected '{expected}'.");
        }
    }
}
