using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace SagaFunctions.Standalone.Tests.Composition;

/// <summary>How the sagas' participant clients find the participants (docs/architecture.md, "HTTP contract": same base URL as the API by default).</summary>
public sealed class ParticipantsConnectionTests
{
    [Theory]
    [InlineData("http://participants.internal:9000", "http://participants.internal:9000/")]
    [InlineData("http://participants.internal:9000/", "http://participants.internal:9000/")]
    public void ParticipantsBaseUrl_Configured_WinsOverTheServerAddress(string configured, string expected)
    {
        using var services = Services(configured, "http://localhost:5005");

        Assert.Equal(new Uri(expected), StandaloneServiceExtensions.ParticipantsBaseUrl(services));
    }

    [Theory]
    [InlineData("http://localhost:5005", "http://localhost:5005/")]
    [InlineData("http://+:8080", "http://localhost:8080/")]
    [InlineData("http://*:8081", "http://localhost:8081/")]
    [InlineData("http://0.0.0.0:8082", "http://localhost:8082/")]
    [InlineData("http://[::]:8083", "http://localhost:8083/")]
    public void ParticipantsBaseUrl_NotConfigured_UsesTheServerAddressWithWildcardsAsLocalhost(string address, string expected)
    {
        using var services = Services(null, address);

        Assert.Equal(new Uri(expected), StandaloneServiceExtensions.ParticipantsBaseUrl(services));
    }

    [Fact]
    public void ParticipantsBaseUrl_PrefersHttpOverHttps()
    {
        using var services = Services(null, "https://localhost:7443", "http://localhost:7071");

        Assert.Equal(new Uri("http://localhost:7071/"), StandaloneServiceExtensions.ParticipantsBaseUrl(services));
    }

    [Fact]
    public void ParticipantsBaseUrl_NoServerAddress_DefaultsToPort7071()
    {
        using var services = Services(null);

        Assert.Equal(new Uri("http://localhost:7071/"), StandaloneServiceExtensions.ParticipantsBaseUrl(services));
    }

    [Fact]
    public void ParticipantsHandler_OnANetworkServer_IsANetworkHandler()
    {
        using var services = Services(null, "http://localhost:7071");

        using var handler = StandaloneServiceExtensions.ParticipantsHandler(services);

        Assert.IsType<SocketsHttpHandler>(handler);
    }

    [Fact]
    public void ParticipantsHandler_TransportRegistered_IsTheTransportsHandler()
    {
        using var own = new HttpClientHandler();
        using var services = new ServiceCollection().AddSingleton(new ParticipantsTransport(() => own)).BuildServiceProvider();

        Assert.Same(own, StandaloneServiceExtensions.ParticipantsHandler(services));
    }

    private static ServiceProvider Services(string? baseUrl, params string[] addresses)
    {
        var features = new FeatureCollection();
        var addressFeature = new ServerAddressesFeature();
        foreach (var address in addresses)
        {
            addressFeature.Addresses.Add(address);
        }

        features.Set<IServerAddressesFeature>(addressFeature);
        var server = new Mock<IServer>();
        server.SetupGet(s => s.Features).Returns(features);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Participants:BaseUrl"] = baseUrl })
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(server.Object)
            .BuildServiceProvider();
    }
}
