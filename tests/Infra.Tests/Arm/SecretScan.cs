using System.Text.Json;
using System.Text.RegularExpressions;

namespace SagaFunctions.Infra.Tests.Arm;

/// <summary>
/// Finds what would put a key or secret into a deployment: a <c>list*</c> action in an expression (listKeys,
/// listAccountSas, listConnectionStrings, ... return keys), a connection-string or SAS fragment that carries a key, a key
/// property, secure-typed parameters or outputs, and outputs built from a connection string or key.
/// </summary>
public static partial class SecretScan
{
    /// <summary>Each string of the template (property names included) that reads or writes a key.</summary>
    public static IReadOnlyList<string> InStrings(JsonElement template)
    {
        var problems = new List<string>();
        foreach (var text in ArmExpression.Strings(template))
        {
            if (ArmExpression.IsExpression(text) && ListActionRegex().Match(text) is { Success: true } list)
            {
                problems.Add($"'{list.Value}' (a list* action returns keys) in: {text}");
            }

            foreach (var regex in new[] { SecretFragmentRegex(), KeyPropertyRegex() })
            {
                if (regex.Match(text) is { Success: true } match)
                {
                    problems.Add($"'{match.Value}' in: {text}");
                }
            }
        }

        return problems;
    }

    /// <summary>Secure-typed parameters and outputs, and outputs whose value is a key or connection string, in this
    /// template and every nested one.</summary>
    public static IReadOnlyList<string> InParametersAndOutputs(ArmTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var problems = new List<string>();
        var templates = new[] { template }.Concat(template.AllResources().Select(r => r.NestedTemplate).OfType<ArmTemplate>());
        foreach (var t in templates)
        {
            var where = t.Deployment?.Name ?? "main";
            foreach (var (name, parameter) in t.Parameters)
            {
                if (IsSecureType(parameter))
                {
                    problems.Add($"{where}: parameter '{name}' is secure-typed; the deployment takes no secret.");
                }
            }

            foreach (var (name, output) in t.Outputs)
            {
                if (IsSecureType(output))
                {
                    problems.Add($"{where}: output '{name}' is secure-typed; outputs must not carry secrets.");
                }

                if (SecretNameRegex().IsMatch(name))
                {
                    problems.Add($"{where}: output '{name}' is named like a secret.");
                }

                var value = output.TryGetProperty("value", out var v) ? v.ToString() : string.Empty;
                if (SecretValueRegex().Match(value) is { Success: true } match)
                {
                    problems.Add($"{where}: output '{name}' is built from '{match.Value}': {value}");
                }
            }
        }

        return problems;
    }

    private static bool IsSecureType(JsonElement declaration) =>
        declaration.TryGetProperty("type", out var type)
        && (string.Equals(type.GetString(), "securestring", StringComparison.OrdinalIgnoreCase)
            || string.Equals(type.GetString(), "secureobject", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"\blist(?:[A-Z]\w*)?\(")]
    private static partial Regex ListActionRegex();

    [GeneratedRegex(@"\b(?:AccountKey|SharedAccessKey|SharedAccessKeyName|SharedAccessSignature|DefaultEndpointsProtocol|InstrumentationKey|Password|Pwd)\s*=|[?&]sig=", RegexOptions.IgnoreCase)]
    private static partial Regex SecretFragmentRegex();

    [GeneratedRegex(@"\b(?:primary|secondary)(?:Shared|Master|Access|ReadonlyMaster)?Keys?\b|\.keys\b", RegexOptions.IgnoreCase)]
    private static partial Regex KeyPropertyRegex();

    [GeneratedRegex(@"key|secret|password|pwd|connection_?string|token|\bsas\b|_sas_|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretNameRegex();

    [GeneratedRegex(@"connectionstring|instrumentationkey|\blist\w*\(|\.keys\b|secret|password", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValueRegex();
}
