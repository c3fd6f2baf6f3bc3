using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace SagaFunctions.Standalone.Tests.Tracing;

/// <summary>
/// The Standalone app on real Kestrel (loopback, free port) on a given data folder, its finished spans exported in
/// memory, and the <c>traceparent</c> header of every request the participants receive.
/// </summary>
public sealed class TracedApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TracedApp(WebApplication app, List<Activity> spans)
    {
        _app = app;
        Spans = spans;
    }

    /// <summary>The spans this app's tracer provider exported (the source is process-wide: the tests that read them run alone, and filter by instance).</summary>
    public List<Activity> Spans { get; }

    /// <summary>Participant requests as (path, traceparent or null).</summary>
    public ConcurrentQueue<(string Path, string? TraceParent)> ParticipantRequests { get; } = new();

    public HttpClient Client { get; } = new();

    public static async Task<TracedApp> StartAsync(string dataDirectory)
    {
        var spans = new List<Activity>();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--urls", "http://127.0.0.1:0", "--Standalone:DataDirectory", dataDirectory],
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.AddStandalone();
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
        var app = builder.Build();
        var traced = new TracedApp(app, spans);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/participants", StringComparison.Ordinal))
            {
                traced.ParticipantRequests.Enqueue((context.Request.Path.Value!, context.Request.Headers.TraceParent.FirstOrDefault()));
            }

            await next(context);
        });
        app.MapStandalone();
        await app.StartAsync();
        traced.Client.BaseAddress = new Uri(app.Urls.First());
        return traced;
    }

    /// <summary>The exported SagaFunctions spans tagged with <paramref name="instanceId"/>.</summary>
    public IReadOnlyList<Activity> SpansOf(string instanceId)
        => [.. Spans.Where(s => s.Source.Name == Kernel.SagaTracing.SourceName && Equals(s.GetTagItem("instance"), instanceId))];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
