using System.Text.RegularExpressions;
using SagaFunctions.Infra.Tests.Arm;

namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>What main.bicep deploys, read from the compiled ARM JSON: the resource types and their API versions.</summary>
public partial class ResourceTests
{
    /// <summary>Each type the deployment creates, and how many of it.</summary>
    public static readonly IReadOnlyDictionary<string, int> ExpectedTypes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.Resources/resourceGroups"] = 1,
        ["Microsoft.ManagedIdentity/userAssignedIdentities"] = 1,
        ["Microsoft.Storage/storageAccounts"] = 1,
        ["Microsoft.Storage/storageAccounts/blobServices"] = 1,
        ["Microsoft.Storage/storageAccounts/blobServices/containers"] = 1,
        ["Microsoft.Storage/storageAccounts/tableServices"] = 1,
        ["Microsoft.Storage/storageAccounts/tableServices/tables"] = 4,
        ["Microsoft.Storage/storageAccounts/queueServices"] = 1,
        ["Microsoft.Storage/storageAccounts/queueServices/queues"] = 1, // one copy loop: a queue per choreography service
        ["Microsoft.OperationalInsights/workspaces"] = 1,
        ["Microsoft.Insights/components"] = 1,
        ["Microsoft.Web/serverfarms"] = 2,
        ["Microsoft.Web/sites"] = 2,
        ["Microsoft.Authorization/roleAssignments"] = 4,
    };

    [Fact]
    public void Main_CompiledResources_AreExactlyTheExpectedTypes()
    {
        var actual = CompiledInfra.Main.AllResources()
            .Where(r => !r.IsDeployment && !r.IsExisting)
            .GroupBy(r => r.Type, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);

        var expected = ExpectedTypes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}");
        var found = actual.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} x{p.Value}");
        Assert.Equal(expected, found);
    }

    [Fact]
    public void Main_Modules_EachDeploysIntoTheResourceGroup()
    {
        var modules = CompiledInfra.Main.Resources.Where(r => r.IsDeployment).ToList();

        Assert.Equal(["api", "appIdentity", "monitoring", "participants", "rbac", "storage"], modules.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.All(modules, m => Assert.True(
            m.Text("resourceGroup") is { } rg && rg == CompiledInfra.One("Microsoft.Resources/resourceGroups").Name,
            $"{m.Describe()} is not deployed into the template's resource group."));
    }

    [Fact]
    public void ApiVersions_EveryResource_IsDatedAndNotPreview()
    {
        var bad = CompiledInfra.Main.AllResources()
            .Where(r => !StableApiVersionRegex().IsMatch(r.ApiVersion))
            .Select(r => r.Describe())
            .ToList();

        Assert.True(bad.Count == 0, "Resources without a stable (non-preview) API version: " + string.Join("; ", bad));
    }

    [Fact]
    public void ApiVersions_AnywhereInTemplate_NoPreviewVersion()
    {
        // Also catches versions inside expressions, e.g. reference(..., '2025-01-01-preview') on an existing resource.
        var previews = PreviewApiVersionRegex().Matches(CompiledInfra.MainJson).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();

        Assert.True(previews.Count == 0, "Preview API versions in the compiled template: " + string.Join(", ", previews));
    }

    [Fact]
    public void ApiVersions_SameTypeEverywhere_UsesOneVersion()
    {
        // A type's version in an expression (existing resources compile to reference(resourceId(type, ...), version))
        // counts too, so api.bicep and rbac.bicep cannot read the storage account with an older version than it is created with.
        var declared = CompiledInfra.Main.AllResources().Select(r => (r.Type, r.ApiVersion));
        var referenced = ReferenceRegex().Matches(CompiledInfra.MainJson).Select(m => (Type: m.Groups[1].Value, ApiVersion: m.Groups[2].Value)).ToList();
        Assert.Contains(referenced, r => r.Type == "Microsoft.Storage/storageAccounts");

        var mixed = declared.Concat(referenced)
            .GroupBy(x => x.Type, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(x => x.ApiVersion).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.ApiVersion).Distinct(StringComparer.Ordinal))}")
            .ToList();

        Assert.True(mixed.Count == 0, "Types used with more than one API version: " + string.Join("; ", mixed));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex StableApiVersionRegex();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}-(?:preview|alpha|beta|privatepreview)", RegexOptions.IgnoreCase)]
    private static partial Regex PreviewApiVersionRegex();

    [GeneratedRegex(@"reference\(resourceId\('([^']+)',(?:[^()]|\([^()]*\))*\), '([^']+)'\)")]
    private static partial Regex ReferenceRegex();
}
