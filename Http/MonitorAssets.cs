using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace SagaFunctions.Http;

/// <summary>
/// The monitor page's static assets (Monitor/*.html, *.js, *.css, embedded in this assembly), so Standalone and
/// FunctionApp serve the same bytes. <c>GET /monitor</c> and <c>GET /monitor/sagas/{saga}/{instanceId}</c> both answer
/// the page (its script reads the path); <c>GET /monitor/assets/{name}</c> answers a script or style sheet.
/// </summary>
public static class MonitorAssets
{
    public const string PageName = "monitor.html";

    private static readonly ConcurrentDictionary<string, string?> Cache = new(StringComparer.Ordinal);

    /// <summary>The HTML page, its links and assets under <c>/monitor</c>.</summary>
    public static IResult Page() => Asset(PageName);

    /// <summary>The named asset, or 404 problem details for a name that is not one of the monitor's files.</summary>
    public static IResult Asset(string name)
    {
        var content = Read(name);
        if (content is null)
        {
            return HttpProblems.NotFound($"The monitor has no asset named '{name}'.");
        }

        var contentType = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => "text/css; charset=utf-8",
        };
        return Results.Text(content, contentType);
    }

    /// <summary>The asset's text, or null when there is none by that name.</summary>
    public static string? Read(string name) => Cache.GetOrAdd(name ?? string.Empty, static n =>
    {
        if (n.Length == 0 || n.Contains('/', StringComparison.Ordinal) || n.Contains('\\', StringComparison.Ordinal)
            || Path.GetExtension(n) is not (".html" or ".js" or ".css"))
        {
            return null;
        }

        using var stream = typeof(MonitorAssets).Assembly.GetManifestResourceStream($"SagaFunctions.Http.Monitor.{n}");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
