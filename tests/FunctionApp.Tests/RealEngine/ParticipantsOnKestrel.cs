using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SagaFunctions.Participants;

namespace SagaFunctions.FunctionApp.Tests.RealEngine;

/// <summary>The participant services as their own app on a free loopback port (FunctionApp reaches them through <c>Participants__BaseUrl</c>, as in Azure).</summary>
internal static class ParticipantsOnKestrel
{
    /// <summary>
    /// Starts the participants with their SQLite files in <paramref name="dataDirectory"/> (in memory when
    /// <paramref name="inMemory"/>: the failure matrix's many short-lived cells).
    /// </summary>
    public static async Task<WebApplication> StartAsync(string dataDirectory, bool inMemory = false)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration["Participants:DataDirectory"] = dataDirectory;
        builder.Configuration["Participants:InMemory"] = inMemory ? "true" : "false";
        builder.Services.AddProblemDetails();
        builder.Services.AddParticipants(builder.Configuration);
        var participants = builder.Build();
        participants.MapParticipants();
        await participants.StartAsync();
        return participants;
    }

    /// <summary>The base URL the app listens on, with a trailing slash.</summary>
    public static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
}
