using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaFunctions.Http;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Standalone.DeadLetters;

using SagaFunctions.Standalone.DurableWebhooks;

namespace SagaFunctions.Standalone.Tests.Support;

/// <summary>
/// The Standalone HTTP pipeline and routes (the same extension methods Program uses) over a <see cref="FakeSagaClient"/>
/// (as both <see cref="ISagaClient"/> and <see cref="ISagaInstanceControl"/>)
/// and a real SQLite dead-letter store in a temp folder, on an in-memory test server.
/// </summary>
public sealed class ContractHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _directory;

    private ContractHost(WebApplication app, TempDirectory directory, FakeSagaClient engine, SqliteDeadLetterStore deadLetters)
    {
        _app = app;
        _directory = directory;
        Engine = engine;
        DeadLetters = deadLetters;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public FakeSagaClient Engine { get; }

    public SqliteDeadLetterStore DeadLetters { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ContractHost> StartAsync(string? apiKey = null, int maxBodyBytes = 64 * 1024, bool openReads = false)
    {
        var directory = new TempDirectory();
        var engine = new FakeSagaClient();
        var deadLetters = new SqliteDeadLetterStore(Path.Combine(directory.Path, "dead-letters.db"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.Configure<StandaloneOptions>(o =>
        {
            o.ApiKey = apiKey;
            o.OpenReads = openReads;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<ISagaClient>(engine);
        builder.Services.AddSingleton<ISagaInstanceControl>(engine);
        builder.Services.AddSingleton<IDeadLetterStore>(deadLetters);
        builder.Services.AddSagaHttpContract(TestSagas.All, new SagaHttpOptions { MaxBodyBytes = maxBodyBytes });
        var app = builder.Build();
        app.UseStandalonePipeline();
        app.MapSagaHttpContract();
        await app.StartAsync();
        return new ContractHost(app, directory, engine, deadLetters);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        _directory.Dispose();
    }
}
