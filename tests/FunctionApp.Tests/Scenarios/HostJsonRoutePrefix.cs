using SagaFunctions.FunctionApp.Tests.RealEngine;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// FunctionApp's host.json <c>extensions.http.routePrefix</c> as a path (<c>""</c>, or <c>"/api"</c> when unset — the
/// Functions host's default), so the scenario router puts every <c>[HttpTrigger]</c> template where the host does.
/// </summary>
internal static class HostJsonRoutePrefix
{
    private const string FunctionsHostDefault = "api";

    public static string Path { get; } = Read();

    private static string Read()
    {
        var prefix = FunctionAppHostJson.Root.TryGetProperty("extensions", out var extensions)
            && extensions.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var value)
                ? value.GetString() ?? FunctionsHostDefault
                : FunctionsHostDefault;
        prefix = prefix.Trim('/');
        return prefix.Length == 0 ? string.Empty : "/" + prefix;
    }
}
