using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

/// <summary>The participants-only host (Participants.Host) through WebApplicationFactory.</summary>
public sealed class HostTests
{
    private static WebApplicationFactory<Program> CreateFactory() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder.UseSetting("Participants:InMemory", "true"));

    [Fact]
    public async Task Healthz_IsHealthy()
    {
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Host_ServesTheParticipantRoutes()
    {
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/participants/accounts/ACC-003");

        Assert.Equal(new AccountView("ACC-003", "Charlie", 750.00m), await response.ReadAsync<AccountView>());
    }

    [Fact]
    public async Task Host_UnknownRoute_IsAProblem404()
    {
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/participants/nothing/here/at/all");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
