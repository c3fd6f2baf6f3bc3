using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using SagaFunctions.FunctionApp.Tests.RealEngine;
using SagaFunctions.Http.Audit;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Standalone.DeadLetters;
using SagaFunctions.Standalone.Operations;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// FunctionApp on the real Durable Task engine: its HTTP functions are called with real <see cref="HttpRequest"/>s,
/// routed by their own <c>[HttpTrigger]</c> route templates (under host.json's route prefix, read from the file); the participants run
/// as their own service on a loopback port, reached through <c>Participants__BaseUrl</c> as in Azure. The dead-letter
/// store and the audit log are SQLite here (the Azure Table stores have their own suites against Azurite), so both engines' views compare.
/// </summary>
internal sealed class DurableEngine : ISagaEngine
{
    private static readonly IReadOnlyList<HttpFunction> HttpFunctions = FindHttpFunctions();

    private readonly WebApplication _participants;
    private readonly HttpClient _participantsHttp;
    private readonly DurableEngineHost _host;
    private readonly string _dataDirectory;

    private DurableEngine(WebApplication participants, DurableEngineHost host, string dataDirectory)
    {
        _participants = participants;
        _host = host;
        _dataDirectory = dataDirectory;
        _participantsHttp = new HttpClient { BaseAddress = ParticipantsOnKestrel.AddressOf(participants) };
    }

    public string Name => "durable";

    public DurableEngineHost Host => _host;

    /// <summary>
    /// Starts the participants and FunctionApp on <paramref name="backend"/> (null: the in-memory backend) with its start
    /// claims in the storage account of <paramref name="storageConnectionString"/> (null: none, see <see cref="Storage.NoStartClaims"/>).
    /// </summary>
    public static async Task<DurableEngine> StartAsync(DurableTask.Core.IOrchestrationService? backend = null, string? storageConnectionString = null) =>
        await StartAsync(new Dictionary<string, string?>(), backend, storageConnectionString);

    /// <summary>
    /// As above, with extra app settings for FunctionApp (e.g. <c>Participants__Client__Timeout</c>); the participants keep
    /// their data in memory when <paramref name="participantsInMemory"/>.
    /// </summary>
    public static async Task<DurableEngine> StartAsync(
        IReadOnlyDictionary<string, string?> appSettings,
        DurableTask.Core.IOrchestrationService? backend = null,
        string? storageConnectionString = null,
        bool participantsInMemory = false)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "saga-scenarios-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var participants = await ParticipantsOnKestrel.StartAsync(dataDirectory, participantsInMemory);

        var settings = new Dictionary<string, string?>
        {
            [AppSettings.ParticipantsBaseUrl] = ParticipantsOnKestrel.AddressOf(participants).ToString(),
            [AppSettings.AzureWebJobsStorage] = storageConnectionString ?? "UseDevelopmentStorage=true",
            [AppSettings.TaskHubName] = DurableEngineHost.TaskHub,
        };
        foreach (var (name, value) in appSettings)
        {
            settings[name] = value;
        }

        var host = await DurableEngineHost.StartAsync(
            settings,
            services =>
            {
                services.AddSingleton<IDeadLetterStore>(new SqliteDeadLetterStore(Path.Combine(dataDirectory, "dead-letters.db")));
                services.AddSingleton<IAuditLog>(new SqliteAuditLog(Path.Combine(dataDirectory, "audit.db")));
                if (storageConnectionString is null)
                {
                    services.AddSingleton<IInstanceStartClaims>(new Storage.NoStartClaims());
                }
            },
            backend: backend);
        return new DurableEngine(participants, host, dataDirectory);
    }

    public Task<HttpAnswer> SendAsync(HttpMethod method, string pathAndQuery, string? body = null) =>
        SendRawAsync(method, pathAndQuery, body is null ? null : Encoding.UTF8.GetBytes(body), "application/json; charset=utf-8");

    public async Task<HttpAnswer> SendRawAsync(HttpMethod method, string pathAndQuery, byte[]? body, string? contentType, IReadOnlyDictionary<string, string>? headers = null)
    {
        if (pathAndQuery.StartsWith("/participants/", StringComparison.Ordinal))
        {
            return await RawHttp.SendAsync(_participantsHttp, method, pathAndQuery, body, contentType, headers);
        }

        return await InvokeHttpFunctionAsync(method, pathAndQuery, body, contentType, headers);
    }

    public Task IdleAsync() => _host.WaitForIdleAsync();

    public Task<bool> AdvanceAsync() => _host.AdvanceAsync();

    public async ValueTask DisposeAsync()
    {
        _participantsHttp.Dispose();
        await _host.DisposeAsync();
        await _participants.StopAsync();
        await _participants.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>Finds the function whose method and route template match, binds its parameters and runs its result.</summary>
    private async Task<HttpAnswer> InvokeHttpFunctionAsync(HttpMethod method, string pathAndQuery, byte[]? body, string? contentType, IReadOnlyDictionary<string, string>? headers)
    {
        var split = pathAndQuery.Split('?', 2);
        var path = PathString.FromUriComponent(split[0]);
        if (!path.StartsWithSegments(HostJsonRoutePrefix.Path, out var route))
        {
            // Outside host.json's route prefix no function answers.
            return new HttpAnswer(StatusCodes.Status404NotFound, null, null, string.Empty);
        }

        var context = new DefaultHttpContext { RequestServices = _host.Services };
        context.Request.Method = method.Method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.Path = path;
        context.Request.QueryString = split.Length > 1 ? new QueryString("?" + split[1]) : QueryString.Empty;
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(body);
            context.Request.ContentLength = body.Length;
            context.Request.ContentType = contentType;
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }

        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        // Like the Functions host (ASP.NET Core routing): of the templates that match, the most specific wins — a literal
        // segment ('sagas/stats') outranks a parameter ('sagas/{saga}') whatever order the functions are declared in.
        var match = HttpFunctions
            .Select(f => (Function: f, Values: f.Match(method.Method, route)))
            .Where(m => m.Values is not null)
            .OrderBy(m => m.Function.Precedence)
            .FirstOrDefault();
        if (match.Values is null)
        {
            // No function has this route: the Functions host answers 404 with an empty body.
            return new HttpAnswer(StatusCodes.Status404NotFound, null, null, string.Empty);
        }

        await using var scope = _host.Services.CreateAsyncScope();
        var target = match.Function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, match.Function.Method.DeclaringType!);
        var functionContext = new Mock<FunctionContext>();
        functionContext.SetupGet(c => c.InstanceServices).Returns(scope.ServiceProvider);
        var arguments = match.Function.Method.GetParameters().Select(p => p switch
        {
            _ when p.GetCustomAttribute<HttpTriggerAttribute>() is not null => (object?)context.Request,
            _ when p.GetCustomAttribute<DurableClientAttribute>() is not null => _host.Client,
            { ParameterType: var t } when t == typeof(CancellationToken) => CancellationToken.None,
            { ParameterType: var t } when t == typeof(FunctionContext) => functionContext.Object,
            { ParameterType: var t } when t == typeof(string) => match.Values!.TryGetValue(p.Name!, out var v) ? v?.ToString() : null,
            _ => throw new InvalidOperationException($"Cannot bind parameter '{p.Name}' of {match.Function.Name}."),
        }).ToArray();

        var result = (IResult)(await new FunctionMethod(match.Function.Name, match.Function.Method, match.Function.Method.GetParameters()[0]).InvokeAsync(target, arguments))!;
        await result.ExecuteAsync(context);
        return new HttpAnswer(
            context.Response.StatusCode,
            context.Response.Headers.Location.FirstOrDefault(),
            context.Response.ContentType?.Split(';')[0],
            Encoding.UTF8.GetString(responseBody.ToArray()));
    }


    private static List<HttpFunction> FindHttpFunctions() =>
        [.. FunctionAppFunctions.All
            .Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)))
            .Where(x => x.Trigger is not null)
            .Select(x => new HttpFunction(x.Method.GetCustomAttribute<FunctionAttribute>()!.Name, x.Method, x.Trigger!))];

    private sealed record HttpFunction(string Name, MethodInfo Method, HttpTriggerAttribute Trigger)
    {
        private readonly TemplateMatcher _matcher = new(TemplateParser.Parse(Trigger.Route ?? Name), new RouteValueDictionary());

        /// <summary>ASP.NET Core's inbound precedence of the template: lower is more specific and is tried first.</summary>
        public decimal Precedence { get; } = RoutePrecedence.ComputeInbound(TemplateParser.Parse(Trigger.Route ?? Name));

        public RouteValueDictionary? Match(string method, PathString path)
        {
            if (Trigger.Methods?.Any(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) != true)
            {
                return null;
            }

            var values = new RouteValueDictionary();
            return _matcher.TryMatch(path, values) ? values : null;
        }
    }
}
