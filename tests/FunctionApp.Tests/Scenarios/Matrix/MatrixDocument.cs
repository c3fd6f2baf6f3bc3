using System.Globalization;
using System.Text;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// The matrices' tables in <c>docs/failure-matrix.md</c>: one section per saga and engine between
/// <c>&lt;!-- BEGIN key --&gt;</c> / <c>&lt;!-- END key --&gt;</c> markers. With <c>SAGA_MATRIX_WRITE=1</c> a test rewrites
/// its section; otherwise a checked section must list the cells the test ran (the committed table is not stale).
/// </summary>
internal static class MatrixDocument
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static bool Writing { get; } = Environment.GetEnvironmentVariable("SAGA_MATRIX_WRITE") == "1";

    public static string Render(IEnumerable<MatrixRow> rows)
    {
        var text = new StringBuilder("| saga | fault | point | outcome | invariants |\n|---|---|---|---|---|\n");
        foreach (var row in rows.OrderBy(r => r.Point, StringComparer.Ordinal).ThenBy(r => r.Fault, StringComparer.Ordinal))
        {
            var invariants = row.Violations.Count == 0 ? "ok" : "**" + string.Join("; ", row.Violations).Replace('|', '/') + "**";
            text.Append(CultureInfo.InvariantCulture, $"| {row.Saga} | {row.Fault} | {row.Point} | {row.Outcome} | {invariants} |\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Writes <paramref name="table"/> as section <paramref name="key"/> when writing; otherwise returns what differs
    /// from the committed section (null: nothing, or <paramref name="check"/> is false).
    /// </summary>
    public static async Task<string?> WriteOrCompareAsync(string key, string table, bool check)
    {
        await Gate.WaitAsync();
        try
        {
            var path = Path.Combine(RepositoryRoot(), "docs", "failure-matrix.md");
            var document = File.Exists(path) ? await File.ReadAllTextAsync(path) : string.Empty;
            var (begin, end) = ($"<!-- BEGIN {key} -->\n", $"<!-- END {key} -->");
            var from = document.IndexOf(begin, StringComparison.Ordinal);
            var to = from < 0 ? -1 : document.IndexOf(end, from, StringComparison.Ordinal);
            if (Writing)
            {
                document = to < 0
                    ? document + $"\n{begin}{table}{end}\n"
                    : string.Concat(document.AsSpan(0, from + begin.Length), table, document.AsSpan(to));
                await File.WriteAllTextAsync(path, document);
                return null;
            }

            if (!check)
            {
                return null;
            }

            // The cells (saga, fault, point) must be the committed ones; an outcome may differ on a loaded machine (a
            // retry that lands after a timeout), which the invariants judge, not the table.
            var committed = to < 0 ? string.Empty : document[(from + begin.Length)..to];
            return Cells(committed).SequenceEqual(Cells(table), StringComparer.Ordinal)
                ? null
                : $"docs/failure-matrix.md section '{key}' is stale (regenerate: SAGA_MATRIX_WRITE=1 dotnet test tests/FunctionApp.Tests --filter \"FullyQualifiedName~FailureMatrix\"); this run produced:\n{table}";
        }
        finally
        {
            Gate.Release();
        }
    }

    private static IEnumerable<string> Cells(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(row => string.Join('|', row.Split('|').Take(4)));

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SagaFunctions.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No SagaFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
