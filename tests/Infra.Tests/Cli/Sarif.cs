using System.Text;
using System.Text.Json;

namespace SagaFunctions.Infra.Tests.Cli;

/// <summary>
/// Reads the SARIF 2.1.0 logs that <c>--diagnostics-format sarif</c> makes the CLI print (System.Text.Json): one log for
/// a single file, one log per file, back to back, for <c>--pattern</c>. Output that holds no readable log fails here, so
/// "no diagnostics" can never be the result of output that was not understood.
/// </summary>
public static class Sarif
{
    public static SarifLogs Parse(string sarif, ProcessRun run)
    {
        ArgumentNullException.ThrowIfNull(sarif);
        ArgumentNullException.ThrowIfNull(run);
        var diagnostics = new List<BicepDiagnostic>();
        var logs = 0;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(sarif), new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
            {
                using var document = JsonDocument.ParseValue(ref reader);
                diagnostics.AddRange(Results(document.RootElement, run, sarif));
                logs++;
            }
        }
        catch (JsonException e)
        {
            throw Unreadable(run, e.Message, e);
        }

        if (logs == 0)
        {
            throw Unreadable(run, "no SARIF log", null);
        }

        return new SarifLogs(logs, diagnostics);
    }

    private static IEnumerable<BicepDiagnostic> Results(JsonElement log, ProcessRun run, string sarif)
    {
        if (!log.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array || runs.GetArrayLength() == 0)
        {
            throw Unreadable(run, "a SARIF log without runs", null);
        }

        foreach (var sarifRun in runs.EnumerateArray())
        {
            if (!sarifRun.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
            {
                throw Unreadable(run, "a SARIF run without results: " + Truncate(sarif), null);
            }

            foreach (var result in results.EnumerateArray())
            {
                yield return Diagnostic(result);
            }
        }
    }

    private static BicepDiagnostic Diagnostic(JsonElement result)
    {
        // SARIF: a result without "level" is a warning.
        var level = result.TryGetProperty("level", out var l) ? l.GetString() ?? "warning" : "warning";
        var code = result.TryGetProperty("ruleId", out var r) ? r.GetString() ?? string.Empty : string.Empty;
        var message = result.TryGetProperty("message", out var m) && m.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty;
        var file = string.Empty;
        var line = 0;
        var column = 0;
        if (result.TryGetProperty("locations", out var locations) && locations.ValueKind == JsonValueKind.Array && locations.GetArrayLength() > 0
            && locations[0].TryGetProperty("physicalLocation", out var physical))
        {
            if (physical.TryGetProperty("artifactLocation", out var artifact) && artifact.TryGetProperty("uri", out var uri))
            {
                file = uri.GetString() ?? string.Empty;
            }

            if (physical.TryGetProperty("region", out var region))
            {
                line = region.TryGetProperty("startLine", out var sl) ? sl.GetInt32() : 0;
                column = region.TryGetProperty("charOffset", out var co) ? co.GetInt32() : 0;
            }
        }

        return new BicepDiagnostic(file, line, column, level, code, message);
    }

    private static InvalidOperationException Unreadable(ProcessRun run, string what, Exception? inner) =>
        new(
            $"{run.CommandLine} (exit {run.ExitCode}) printed {what}.{Environment.NewLine}"
            + $"stdout:{Environment.NewLine}{Truncate(run.StandardOutput)}{Environment.NewLine}stderr:{Environment.NewLine}{Truncate(run.StandardError)}",
            inner);

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..4000] + "…";
}

/// <summary>The diagnostics of all logs, and how many logs there were (one per file the CLI processed).</summary>
public sealed record SarifLogs(int Count, IReadOnlyList<BicepDiagnostic> Diagnostics);
