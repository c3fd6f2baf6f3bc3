using System.Text.RegularExpressions;
using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Checks;

/// <summary>
/// No key, SAS or connection-string secret anywhere in the deployment files (comments included), no call to a
/// Bicep <c>list*</c> action (they return keys), no AVM site module asked to build a key-based AzureWebJobsStorage,
/// and no output that is or looks like a secret.
/// </summary>
public static partial class SecretCheck
{
    public static IReadOnlyList<string> CheckTexts(IEnumerable<(string Path, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<string>();
        foreach (var (path, text) in files)
        {
            foreach (var regex in new[] { ListActionRegex(), SecretFragmentRegex(), KeyPropertyRegex() })
            {
                foreach (Match match in regex.Matches(text))
                {
                    problems.Add($"{path}: line {LineOf(text, match.Index)} contains '{match.Value.Trim()}', which reads or writes a secret.");
                }
            }
        }

        return problems;
    }

    public static IReadOnlyList<string> CheckDocuments(IEnumerable<BicepDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var list = documents.ToList();
        var problems = new List<string>();
        foreach (var document in list)
        {
            foreach (var output in document.Outputs)
            {
                if (output.IsSecure)
                {
                    problems.Add($"{document.Path}: output '{output.Name}' is @secure(); outputs must not carry secrets.");
                }

                if (SecretNameRegex().IsMatch(output.Name))
                {
                    problems.Add($"{document.Path}: output '{output.Name}' is named like a secret.");
                }

                if (SecretExpressionRegex().IsMatch(output.Expression))
                {
                    problems.Add($"{document.Path}: output '{output.Name}' = {output.Expression} exposes a secret-bearing value.");
                }
            }
        }

        foreach (var site in SiteModules.All(list))
        {
            var settings = site.Settings;
            if (settings?.Property("storageAccountResourceId") is not null
                && settings.Property("storageAccountUseIdentityAuthentication")?.Text != "true")
            {
                problems.Add($"{site.Describe} passes storageAccountResourceId without storageAccountUseIdentityAuthentication: true, so the module would write an account-key AzureWebJobsStorage.");
            }
        }

        return problems;
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    // Bicep's list* resource functions (listKeys, listAccountSas, listConnectionStrings, ...) and list(...).
    [GeneratedRegex(@"\blist(?:[A-Z]\w*)?\s*\(")]
    private static partial Regex ListActionRegex();

    [GeneratedRegex(@"\b(?:AccountKey|SharedAccessKey|SharedAccessSignature|DefaultEndpointsProtocol|InstrumentationKey|Password|Pwd)\s*=|[?&]sig=", RegexOptions.IgnoreCase)]
    private static partial Regex SecretFragmentRegex();

    [GeneratedRegex(@"\b(?:primary|secondary)(?:Shared|Master|Access)?Key\b|\.keys\s*\[", RegexOptions.IgnoreCase)]
    private static partial Regex KeyPropertyRegex();

    [GeneratedRegex(@"key|secret|password|pwd|connection_?string|token|\bsas\b|_sas_|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretNameRegex();

    [GeneratedRegex(@"connectionstring|instrumentationkey|listkeys|\.keys\b|secret|password", RegexOptions.IgnoreCase)]
    private static partial Regex SecretExpressionRegex();
}
