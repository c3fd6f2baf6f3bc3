using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaFunctions.Runtime;
using SagaFunctions.Standalone.RuntimeHosting;

namespace SagaFunctions.Standalone.Tests.Support;

/// <summary>
/// The real Standalone app (Program) on a test server: data in <paramref name="dataDirectory"/> and a virtual clock for the
/// runtime and the test server's handler as the participants' transport (the two test service overrides).
/// </summary>
public sealed class StandaloneFactory(string dataDirectory, VirtualClock clock, string? apiKey = null) : WebApplicationFactory<Program>
{
    public VirtualClock Clock { get; } = clock;

    public EmbeddedRuntime Runtime => Services.GetRequiredService<EmbeddedRuntime>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Standalone:DataDirectory", dataDirectory);
        builder.UseSetting("Standalone:ApiKey", apiKey ?? string.Empty);
        builder.UseSetting("Choreography:RetryDelay", "00:00:00.020");
        builder.ConfigureLogging(logging => logging.ClearProviders());
        // The test server has no socket: the sagas reach the participants through its in-process handler.
        builder.ConfigureTestServices(services => services
            .AddSingleton<IRuntimeClock>(Clock)
            .AddSingleton(sp => new ParticipantsTransport(((TestServer)sp.GetRequiredService<IServer>()).CreateHandler)));
    }

    /// <summary>An HTTP client that sends the API key when one is configured.</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        if (!string.IsNullOrEmpty(apiKey))
        {
            client.DefaultRequestHeaders.Add(ApiKeyMiddleware.HeaderName, apiKey);
        }

        return client;
    }

    /// <summary>
    /// Drives virtual time (one minute per step, each step waits until the runtime is idle) until the instance has
    /// finished; fails the test after <paramref name="maxSteps"/> steps instead of hanging.
    /// </summary>
    public async Task<InstanceStatus> RunUntilFinishedAsync(string instanceId, int maxSteps = 200)
    {
        for (var step = 0; step < maxSteps; step++)
        {
            await Runtime.Runtime.WaitForIdleAsync();
            var status = await Runtime.Client.GetStatusAsync(instanceId);
            Assert.NotNull(status);
            if (status.IsFinished)
            {
                return status;
            }

            await Clock.AdvanceAsync(TimeSpan.FromMinutes(1));
        }

        Assert.Fail($"Instance {instanceId} did not finish within {maxSteps} virtual minutes.");
        return null!;
    }

    /// <summary>Waits until the runtime has nothing runnable (no virtual time passes).</summary>
    public Task SettleAsync() => Runtime.Runtime.WaitForIdleAsync();
}
