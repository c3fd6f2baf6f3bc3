using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Runtime;
using SagaFunctions.Standalone.DeadLetters;
using SagaFunctions.Standalone.RuntimeHosting;
using SagaFunctions.Tests.Shared.Examples.GiftCard;

namespace SagaFunctions.Standalone.Tests.Support;

/// <summary>
/// The Standalone pipeline, routes and embedded runtime (the extension methods Program uses) serving the README's
/// example saga, <see cref="GiftCardSaga"/>, from its declaration alone: the one list of sagas here is
/// <c>[GiftCardSaga.Declaration]</c>; orchestrators, activities and their DI registrations are derived from it.
/// </summary>
public sealed class ExampleSagaApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ExampleSagaApp(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public GiftCardLedger Ledger => _app.Services.GetRequiredService<GiftCardLedger>();

    public EmbeddedRuntime Runtime => _app.Services.GetRequiredService<EmbeddedRuntime>();

    public static async Task<ExampleSagaApp> StartAsync(string dataDirectory, decimal budget)
    {
        IReadOnlyList<SagaDeclaration> sagas = [GiftCardSaga.Declaration];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.Configure<StandaloneOptions>(o => o.DataDirectory = dataDirectory);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<IRuntimeClock>(new VirtualClock(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)));
        builder.Services.AddSingleton<IDeadLetterStore>(_ => new SqliteDeadLetterStore(Path.Combine(dataDirectory, "dead-letters.db")));
        builder.Services.AddSingleton(new GiftCardLedger(budget));
        foreach (var activities in SagaDeclarations.ActivityClasses(sagas))
        {
            builder.Services.AddTransient(activities);
        }

        builder.Services.AddEmbeddedRuntime(SagaDeclarations.Orchestrators(sagas), SagaDeclarations.Activities(sagas));
        builder.Services.AddSagaHttpContract(sagas);
        var app = builder.Build();
        app.UseStandalonePipeline();
        app.MapSagaHttpContract();
        await app.StartAsync();
        return new ExampleSagaApp(app);
    }

    /// <summary>Waits until the runtime has nothing runnable.</summary>
    public Task SettleAsync() => Runtime.Runtime.WaitForIdleAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
