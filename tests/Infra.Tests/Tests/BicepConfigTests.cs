using System.Text.Json;
using SagaFunctions.Infra.Tests.Cli;
using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>infra/bicepconfig.json keeps the core linter on, every listed rule at warning or error, and the CLI applies it.</summary>
public class BicepConfigTests
{
    /// <summary>The linter's core rules that must stay on (the CLI's defaults plus the ones this repository turns on).</summary>
    public static readonly IReadOnlyList<string> RequiredRules =
    [
        "adminusername-should-not-be-literal",
        "artifacts-parameters",
        "explicit-values-for-loc-params",
        "max-outputs",
        "max-params",
        "max-resources",
        "max-variables",
        "nested-deployment-template-scoping",
        "no-conflicting-metadata",
        "no-deployments-resources",
        "no-hardcoded-env-urls",
        "no-hardcoded-location",
        "no-loc-expr-outside-params",
        "no-unnecessary-dependson",
        "no-unused-existing-resources",
        "no-unused-params",
        "no-unused-vars",
        "outputs-should-not-contain-secrets",
        "prefer-interpolation",
        "prefer-unquoted-property-names",
        "protect-commandtoexecute-secrets",
        "secure-parameter-default",
        "secure-params-in-nested-deploy",
        "secure-secrets-in-params",
        "simplify-interpolation",
        "simplify-json-null",
        "use-parent-property",
        "use-recent-api-versions",
        "use-resource-id-functions",
        "use-resource-symbol-reference",
        "use-safe-access",
        "use-secure-value-for-secure-inputs",
        "use-stable-resource-identifiers",
    ];

    private static Dictionary<string, string?> Rules(out bool enabled)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(InfraFiles.Repository.BicepConfig));
        var core = json.RootElement.GetProperty("analyzers").GetProperty("core");
        enabled = !core.TryGetProperty("enabled", out var e) || e.ValueKind != JsonValueKind.False;
        return core.GetProperty("rules").EnumerateObject().ToDictionary(
            r => r.Name,
            r => r.Value.TryGetProperty("level", out var level) ? level.GetString() : null,
            StringComparer.Ordinal);
    }

    [Fact]
    public void Config_CoreAnalyzer_IsEnabled()
    {
        Rules(out var enabled);

        Assert.True(enabled, "analyzers.core.enabled must not be false.");
    }

    [Fact]
    public void Config_EveryListedRule_IsWarningOrError()
    {
        var weak = Rules(out _).Where(r => r.Value is not ("warning" or "error")).Select(r => $"{r.Key}: {r.Value ?? "(no level)"}").ToList();

        Assert.True(weak.Count == 0, "Rules below warning: " + string.Join(", ", weak));
    }

    [Fact]
    public void Config_RequiredRules_AreListed()
    {
        var rules = Rules(out _);

        var missing = RequiredRules.Where(r => !rules.ContainsKey(r)).ToList();

        Assert.True(missing.Count == 0, "Rules missing from infra/bicepconfig.json: " + string.Join(", ", missing));
    }

    /// <summary>One file per rule, each breaking only that rule, linted together with the repository's config.</summary>
    public static readonly IReadOnlyDictionary<string, string> Violations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["use-recent-api-versions"] = """
            param location string = resourceGroup().location
            resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2018-11-30' = {
              name: 'id-old'
              location: location
            }
            """,
        ["no-hardcoded-location"] = """
            resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
              name: 'id-here'
              location: 'westeurope'
            }
            """,
        ["no-hardcoded-env-urls"] = """
            output portal string = 'https://management.azure.com/'
            """,
        ["outputs-should-not-contain-secrets"] = """
            resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
              name: 'stsecret'
            }
            output key string = storage.listKeys().keys[0].value
            """,
        ["no-unused-vars"] = """
            var unused = 'x'
            """,
    };

    public static TheoryData<string> ViolatedRules => new(Violations.Keys);

    private static readonly Lazy<(string Folder, BicepResult Lint)> ViolationLint = new(() =>
    {
        // Left in the temp folder for the process's lifetime: Lazy runs once, and the files are a few bytes.
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "infra-tests-rules-" + Path.GetRandomFileName())).FullName;
        File.Copy(InfraFiles.Repository.BicepConfig, Path.Combine(folder, "bicepconfig.json"));
        foreach (var (rule, bicep) in Violations)
        {
            File.WriteAllText(Path.Combine(folder, rule + ".bicep"), bicep);
        }

        return (folder, BicepCli.Pinned.LintAll(Path.Combine(folder, "*.bicep")));
    });

    [Theory]
    [MemberData(nameof(ViolatedRules))]
    public void Lint_RuleViolation_ReportedWithRepositoryConfig(string rule)
    {
        var (folder, lint) = ViolationLint.Value;

        var diagnostics = lint.In(Path.Combine(folder, rule + ".bicep"));

        Assert.True(diagnostics.Any(d => d.Code == rule && (d.Level is "warning" or "error")), $"Expected {rule}: " + string.Join("; ", diagnostics));
    }

    [Fact]
    public void Lint_SecretInOutput_IsAnError()
    {
        var (folder, lint) = ViolationLint.Value;

        Assert.Contains(lint.In(Path.Combine(folder, "outputs-should-not-contain-secrets.bicep")), d => d.Code == "outputs-should-not-contain-secrets" && d.Level == "error");
    }
}
