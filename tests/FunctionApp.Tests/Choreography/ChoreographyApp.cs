using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SagaFunctions.FunctionApp.Api;
using SagaFunctions.FunctionApp.Choreography;
using SagaFunctions.FunctionApp.Tests.RealEngine;

namespace SagaFunctions.FunctionApp.Tests.Choreography;

/// <summary>
/// FunctionApp's choreography on Azurite: the app built by <see cref="ServiceCollectionExtensions.ConfigureSagaFunctionApp"/>
/// (as <c>Program.cs</c> does) with its own queue and table names, the participants on Kestrel (reached through
/// <c>Participants__BaseUrl</c>), its HTTP functions called with real requests and its queue triggers run by
/// <see cref="QueueTriggerHost"/>.
/// </summary>
internal sealed class ChoreographyApp : IAsyncDisposable
{
    private readonly WebApplication _participants;
    private readonly IHost _functionApp;
    private readonly string _dataDirectory;

    private ChoreographyApp(WebApplication participants, IHost functionApp, QueueTriggerHost host, string dataDirectory)
    {
        _participants = participants;
        _functionApp = functionApp;
        _dataDirectory = dataDirectory;
        Host = host;
        Participants = new HttpClient { BaseAddress = ParticipantsOnKestrel.AddressOf(participants) };
    }

    public QueueTriggerHost Host { get; }

    public HttpClient Participants { get; }

    public IServiceProvider Services => _functionApp.Services;

    public TableChoreographyStore Store => Services.GetRequiredService<TableChoreographyStore>();

    public static async Task<ChoreographyApp> StartAsync(string storageConnectionString)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("choreo-participants-").FullName;
        var participants = await ParticipantsOnKestrel.StartAsync(dataDirectory);

        // Queue and table names of this app only, so the tests sharing one Azurite never see each other's messages.
        var unique = Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?>
        {
            [AppSettings.ParticipantsBaseUrl] = ParticipantsOnKestrel.AddressOf(participants).ToString(),
            [AppSettings.AzureWebJobsStorage] = storageConnectionString,
            [AppSettings.TaskHubName] = DurableEngineHost.TaskHub,
            [AppSettings.ChoreographyTableName] = "choreo" + unique,
            [AppSettings.ChoreographyPaymentsQueue] = $"c{unique}-payments",
            [AppSettings.ChoreographyInventoryQueue] = $"c{unique}-inventory",
            [AppSettings.ChoreographyShippingQueue] = $"c{unique}-shipping",
            [AppSettings.ChoreographyNotificationsQueue] = $"c{unique}-notifications",
        };
        var app = FunctionsApplication.CreateBuilder([]);
        DurableEngineHost.RunExtensionStartups(app);
        app.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)));
        app.Logging.ClearProviders();
        app.ConfigureSagaFunctionApp();
        var functionApp = app.Build();
        var account = new QueueServiceClient(storageConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        return new ChoreographyApp(participants, functionApp, new QueueTriggerHost(functionApp.Services, account, settings), dataDirectory);
    }

    /// <summary>Calls <see cref="ChoreographyHttpFunctions.StartChoreography"/> with a real request; the status code and JSON body.</summary>
    public async Task<(int Status, JsonElement Body)> PostAsync(string body, string name = "order")
    {
        var context = Context(HttpMethods.Post, $"/api/choreographies/{name}", body);
        var functions = ActivatorUtilities.CreateInstance<ChoreographyHttpFunctions>(Services);
        return await ExecuteAsync(context, await functions.StartChoreography(context.Request, name, CancellationToken.None));
    }

    /// <summary>Calls <see cref="ChoreographyHttpFunctions.GetChoreography"/>; the status code and JSON body.</summary>
    public async Task<(int Status, JsonElement Body)> GetAsync(string id, string name = "order")
    {
        var context = Context(HttpMethods.Get, $"/api/choreographies/{name}/{id}", null);
        var functions = ActivatorUtilities.CreateInstance<ChoreographyHttpFunctions>(Services);
        return await ExecuteAsync(context, await functions.GetChoreography(context.Request, name, id, CancellationToken.None));
    }

    /// <summary>Starts an order choreography, runs the queues until idle, and returns its final view.</summary>
    public async Task<JsonElement> RunAsync(string body)
    {
        var (status, started) = await PostAsync(body);
        Assert.Equal(StatusCodes.Status202Accepted, status);
        await Host.RunUntilIdleAsync();
        var (found, view) = await GetAsync(started.GetProperty("id").GetString()!);
        Assert.Equal(StatusCodes.Status200OK, found);
        return view;
    }

    /// <summary>Puts <paramref name="body"/> as it is on the queue named by <paramref name="setting"/>.</summary>
    public async Task SendRawAsync(string setting, string body)
    {
        var configuration = Services.GetRequiredService<IConfiguration>();
        var queue = await Host.QueueAsync(configuration.GetSetting(setting)!);
        await queue.SendMessageAsync(body);
    }

    /// <summary>A participant's JSON (<c>/participants/...</c>).</summary>
    public async Task<JsonElement> ReadAsync(string path)
    {
        using var response = await Participants.GetAsync(path.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task FaultAsync(string service, string operation, string mode = "permanent")
    {
        using var content = new StringContent($$"""{"service":"{{service}}","operation":"{{operation}}","mode":"{{mode}}"}""", Encoding.UTF8, "application/json");
        using var response = await Participants.PostAsync("participants/faults", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<(int Stock, int Reserved)> StockAsync(string sku)
    {
        var item = await ReadAsync($"/participants/inventory/{sku}");
        return (item.GetProperty("stock").GetInt32(), item.GetProperty("reserved").GetInt32());
    }

    public async ValueTask DisposeAsync()
    {
        Participants.Dispose();
        _functionApp.Dispose();
        await _participants.StopAsync();
        await _participants.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private DefaultHttpContext Context(string method, string path, string? body)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.Path = path;
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json; charset=utf-8";
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<(int Status, JsonElement Body)> ExecuteAsync(DefaultHttpContext context, IResult result)
    {
        await result.ExecuteAsync(context);
        var text = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        return (context.Response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

}
