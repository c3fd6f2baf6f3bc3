using System.Text.RegularExpressions;
using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Checks;

/// <summary>
/// Every <c>module</c> reference resolves: a local path names an existing file (relative to the referencing file),
/// a registry module (<c>br/public:...</c>, <c>br:...</c>) is pinned to an exact x.y.z version, and a template spec
/// (<c>ts:...</c>, <c>ts/...</c>) names a version.
/// </summary>
public static partial class ModuleReferenceCheck
{
    public static IReadOnlyList<string> Check(IEnumerable<BicepDocument> documents, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(fileExists);
        var problems = new List<string>();
        foreach (var document in documents)
        {
            foreach (var module in document.Modules)
            {
                var reference = module.Reference;
                if (reference.StartsWith("br/", StringComparison.Ordinal) || reference.StartsWith("br:", StringComparison.Ordinal))
                {
                    if (!PinnedRegistryRegex().IsMatch(reference))
                    {
                        problems.Add($"{document.Path}: module '{module.Symbol}' uses '{reference}', which is not pinned to an exact x.y.z version.");
                    }
                }
                else if (reference.StartsWith("ts/", StringComparison.Ordinal) || reference.StartsWith("ts:", StringComparison.Ordinal))
                {
                    if (!VersionedTemplateSpecRegex().IsMatch(reference))
                    {
                        problems.Add($"{document.Path}: module '{module.Symbol}' uses template spec '{reference}' without a version.");
                    }
                }
                else
                {
                    var directory = Path.GetDirectoryName(document.Path) ?? string.Empty;
                    var target = Path.GetFullPath(Path.Combine(directory, reference));
                    if (!fileExists(target))
                    {
                        problems.Add($"{document.Path}: module '{module.Symbol}' references '{reference}', but {target} does not exist.");
                    }
                }
            }
        }

        return problems;
    }

    [GeneratedRegex(@"^br(/[A-Za-z0-9-]+|:[A-Za-z0-9.-]+)[:/][A-Za-z0-9/._-]+:\d+\.\d+\.\d+$")]
    private static partial Regex PinnedRegistryRegex();

    [GeneratedRegex(@"^ts(/[^:]+:|:)[^:]+:[A-Za-z0-9._-]+$")]
    private static partial Regex VersionedTemplateSpecRegex();
}
