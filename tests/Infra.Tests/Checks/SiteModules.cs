using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Checks;

/// <summary>Web/function app declarations: AVM <c>avm/res/web/site</c> modules and <c>Microsoft.Web/sites</c> resources.</summary>
public static class SiteModules
{
    public sealed record Site(BicepDocument Document, BicepDeclaration Declaration, string? Kind)
    {
        /// <summary>The AVM module's params, or the resource's properties.</summary>
        public BicepValue? Settings => Declaration.Settings;

        public string Describe => $"{Document.Path}: {Declaration.Keyword} '{Declaration.Symbol}'";
    }

    public static IReadOnlyList<Site> All(IEnumerable<BicepDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var sites = new List<Site>();
        foreach (var document in documents)
        {
            foreach (var module in document.ModulesReferencing("avm/res/web/site:"))
            {
                var kind = module.Settings?.Property("kind") is { } value ? document.ResolveString(value.Text) : null;
                sites.Add(new Site(document, module, kind));
            }

            foreach (var resource in document.Resources.Where(r => !r.IsExisting
                && r.Reference.StartsWith("Microsoft.Web/sites@", StringComparison.OrdinalIgnoreCase)))
            {
                var kind = resource.Body?.Property("kind") is { } value ? document.ResolveString(value.Text) : null;
                sites.Add(new Site(document, resource, kind));
            }
        }

        return sites;
    }

    public static IReadOnlyList<Site> FunctionApps(IEnumerable<BicepDocument> documents) =>
        All(documents).Where(s => s.Kind?.StartsWith("functionapp", StringComparison.Ordinal) == true).ToList();

    public static IReadOnlyList<Site> WebApps(IEnumerable<BicepDocument> documents) =>
        All(documents).Where(s => s.Kind?.StartsWith("app", StringComparison.Ordinal) == true).ToList();

    /// <summary>
    /// The app settings a site declares, by name: the AVM <c>appSettingsKeyValuePairs</c> param (an object literal,
    /// a var holding one, or a <c>union(...)</c> of those). Anything it cannot follow is reported in
    /// <paramref name="problems"/> instead of being guessed.
    /// </summary>
    public static IReadOnlyDictionary<string, BicepValue> AppSettings(Site site, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(problems);
        var settings = new Dictionary<string, BicepValue>(StringComparer.Ordinal);
        var root = site.Settings?.Property("appSettingsKeyValuePairs");
        if (root is null)
        {
            problems.Add($"{site.Describe} sets no appSettingsKeyValuePairs.");
            return settings;
        }

        Collect(site.Document, root, settings, problems, site.Describe);
        return settings;
    }

    private static void Collect(BicepDocument document, BicepValue value, Dictionary<string, BicepValue> settings, List<string> problems, string where)
    {
        if (value.IsObject)
        {
            foreach (var property in value.Properties())
            {
                settings[property.Key] = property.Value;
            }

            return;
        }

        if (document.Var(value.Text) is { } variable)
        {
            Collect(document, variable, settings, problems, where);
            return;
        }

        if (document.CallOf(value) is ("union", var arguments))
        {
            foreach (var argument in arguments)
            {
                Collect(document, argument, settings, problems, where);
            }

            return;
        }

        problems.Add($"{where}: cannot follow app settings expression '{value.Text}'.");
    }
}
