using System.Text.RegularExpressions;
using SagaFunctions.Infra.Tests.Bicep;

namespace SagaFunctions.Infra.Tests.Checks;

/// <summary>
/// Every storage account declared (AVM module or resource) turns shared-key access off explicitly (AVM's default
/// is on), no blob is public, the deployment-package container exists, and the dead-letter table is created.
/// </summary>
public static partial class StorageCheck
{
    public static IReadOnlyList<string> Check(IEnumerable<BicepDocument> documents, string deadLetterTableName)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var problems = new List<string>();
        var accounts = new List<(BicepDocument Document, BicepDeclaration Declaration)>();
        foreach (var document in documents)
        {
            accounts.AddRange(document.ModulesReferencing("avm/res/storage/storage-account:").Select(m => (document, m)));
            accounts.AddRange(document.Resources
                .Where(r => !r.IsExisting && r.Reference.StartsWith("Microsoft.Storage/storageAccounts@", StringComparison.OrdinalIgnoreCase))
                .Select(r => (document, r)));

            foreach (Match match in SharedKeyOnRegex().Matches(document.Code))
            {
                problems.Add($"{document.Path}: '{match.Value}' turns shared-key access on.");
            }
        }

        if (accounts.Count == 0)
        {
            return ["no storage account is declared."];
        }

        var tableCreated = false;
        var containerCreated = false;
        foreach (var (document, account) in accounts)
        {
            var where = $"{document.Path}: {account.Keyword} '{account.Symbol}'";
            var settings = account.Settings;
            if (settings?.Property("allowSharedKeyAccess")?.Text != "false")
            {
                problems.Add($"{where} does not set allowSharedKeyAccess: false.");
            }

            if (settings?.Property("allowBlobPublicAccess")?.Text is { } publicAccess && publicAccess != "false")
            {
                problems.Add($"{where} sets allowBlobPublicAccess: {publicAccess}.");
            }

            var tables = settings?.Path("tableServices", "tables")?.Items() ?? [];
            tableCreated |= tables.Any(t => t.Property("name") is { } name
                && document.ResolveString(name.Text) == deadLetterTableName);
            containerCreated |= (settings?.Path("blobServices", "containers")?.Items().Count ?? 0) > 0;
        }

        if (!tableCreated)
        {
            problems.Add($"no storage account creates the dead-letter table '{deadLetterTableName}' (tableServices.tables).");
        }

        if (!containerCreated)
        {
            problems.Add("no storage account creates a blob container for the deployment package (blobServices.containers).");
        }

        return problems;
    }

    [GeneratedRegex(@"allowSharedKeyAccess\s*:\s*(?!false\b)\S+")]
    private static partial Regex SharedKeyOnRegex();
}
