using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaFunctions.Participants.Client;

namespace SagaFunctions.Participants.Tests.Infrastructure;

/// <summary>
/// A real ASP.NET Core pipeline (TestServer) with <c>AddParticipants</c> + <c>MapParticipants</c>: in-memory databases
/// by default, a fake clock when given, and typed clients routed to the in-process server.
/// </summary>
public sealed class ParticipantsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServiceProvider _clients;

    private ParticipantsHost(WebApplication app, ServiceProvider clients)
    {
        _app = app;
        _clients = clients;
        Http = app.GetTestClient();
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ParticipantsHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        string? dataDirectory = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var configuration = new Dictionary<string, string?>
        {
            ["Participants:InMemory"] = dataDirectory is null ? "true" : "false",
            ["Participants:DataDirectory"] = dataDirectory ?? "./unused",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddParticipants(builder.Configuration);
        var app = builder.Build();
        app.MapParticipants();
        await app.StartAsync();

        var server = app.GetTestServer();
        var clients = new ServiceCollection()
            .AddParticipantClients(new Uri("http://localhost"), _ => server.CreateHandler())
            .BuildServiceProvider();
        return new ParticipantsHost(app, clients);
    }

    public T Client<T>()
        where T : notnull => _clients.GetRequiredService<T>();

    public Task<HttpResponseMessage> PostAsync(string path, string? key, object body) =>
        PostRawAsync(path, key, JsonSerializer.Serialize(body, ParticipantJson.Options));

    public async Task<HttpResponseMessage> PostRawAsync(string path, string? key, string json, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, contentType),
        };
        if (key is not null)
        {
            request.Headers.Add(ParticipantHeaders.IdempotencyKey, key);
        }

        return await Http.SendAsync(request);
    }

    public async Task<T> GetAsync<T>(string path)
    {
        using var response = await Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(ParticipantJson.Options))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _clients.DisposeAsync();
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
