using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Runtime;
using SagaFunctions.Standalone.DeadLetters;
using SagaFunctions.Standalone.RuntimeHosting;
using SagaFunctions.Tests.Shared.Versioning;

namespace SagaFunctions.Standalone.Tests.Support;

/// <summary>
/// One "deployment" of an app that serves the versioned test saga (<see cref="ParcelSaga"/>) in the given versions: the
/// Standalone pipeline, routes and embedded runtime (the extension methods Program uses) over the data folder
/// <paramref name="dataDirectory"/>. Disposing it and starting another over the same folder is a redeploy.
/// </summary>
public sealed class VersionedParcelApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private VersionedParcelApp(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public EmbeddedRuntime Runtime => _app.Services.GetRequiredService<EmbeddedRuntime>();

    public static async Task<VersionedParcelApp> StartAsync(string dataDirectory, VirtualClock clock, params string[] versions)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.Configure<StandaloneOptions>(o => o.DataDirectory = dataDirectory);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IRuntimeClock>(clock);
        builder.Services.AddSingleton<IDeadLetterStore>(_ => new SqliteDeadLetterStore(Path.Combine(dataDirectory, "dead-letters.db")));
        var sagas = ParcelSaga.Versions(versions);
        builder.Services.AddEmbeddedRuntime(sagas, ParcelSaga.Activities.Select(Activity));
        builder.Services.AddSagaHttpContract(sagas);
        var app = builder.Build();
        app.UseStandalonePipeline();
        app.MapSagaHttpContract();
        await app.StartAsync();
        return new VersionedParcelApp(app);
    }

    /// <summary>Waits until the runtime has nothing runnable.</summary>
    public Task SettleAsync() => Runtime.Runtime.WaitForIdleAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static ActivityRegistration Activity(string name) =>
        new(name, typeof(StepInput<ParcelRequest>), (_, input, _) => Task.FromResult<object?>(ParcelSaga.RunActivity(name, (StepInput<ParcelRequest>)input!)));
}
