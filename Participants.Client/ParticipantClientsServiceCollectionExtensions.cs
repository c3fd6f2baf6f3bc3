using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SagaFunctions.Participants.Client;

/// <summary>Registers the typed participant clients.</summary>
public static class ParticipantClientsServiceCollectionExtensions
{
    /// <summary>Registers every typed client against the host that serves <c>/participants/...</c> (e.g. http://localhost:7071/).</summary>
    public static IServiceCollection AddParticipantClients(this IServiceCollection services, Uri baseAddress) =>
        services.AddParticipantClients(baseAddress, primaryHandler: null);

    /// <summary>
    /// Registers every typed client; <paramref name="primaryHandler"/> (optional) replaces the network handler, e.g.
    /// with a TestServer's handler so clients call an in-process host.
    /// </summary>
    public static IServiceCollection AddParticipantClients(
        this IServiceCollection services, Uri baseAddress, Func<IServiceProvider, HttpMessageHandler>? primaryHandler)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException($"The participants base address must be absolute, got '{baseAddress}'.", nameof(baseAddress));
        }

        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        return services.AddParticipantClients((_, client) => client.BaseAddress = root, primaryHandler);
    }

    /// <summary>
    /// Registers every typed client with a custom configuration (base address, headers, handler). Each client's timeout
    /// is <see cref="ParticipantClientOptions.Timeout"/> (bind <see cref="ParticipantClientOptions.SectionName"/> to set
    /// it) unless <paramref name="configureClient"/> sets another.
    /// </summary>
    public static IServiceCollection AddParticipantClients(
        this IServiceCollection services,
        Action<IServiceProvider, HttpClient> configureClient,
        Func<IServiceProvider, HttpMessageHandler>? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureClient);
        services.AddOptions<ParticipantClientOptions>()
            .Validate(
                o => o.IsValid,
                $"{ParticipantClientOptions.SectionName}:{nameof(ParticipantClientOptions.Timeout)} must be more than 00:00:00 and at most {ParticipantClientOptions.MaxTimeout:c}.")
            .ValidateOnStart();
        var configure = configureClient;
        configureClient = (sp, client) =>
        {
            client.Timeout = sp.GetRequiredService<IOptions<ParticipantClientOptions>>().Value.Timeout;
            configure(sp, client);
        };
        Configure(services.AddHttpClient<PaymentsClient>(configureClient), primaryHandler);
        Configure(services.AddHttpClient<InventoryClient>(configureClient), primaryHandler);
        Configure(services.AddHttpClient<ShippingClient>(configureClient), primaryHandler);
        Configure(services.AddHttpClient<NotificationsClient>(configureClient), primaryHandler);
        Configure(services.AddHttpClient<AccountsClient>(configureClient), primaryHandler);
        Configure(services.AddHttpClient<SeatsClient>(configureClient), primaryHandler);
        Configure(services.AddHttpClient<EnvironmentsClient>(configureClient), primaryHandler);
        Configure(services.AddHttpClient<ClaimsClient>(configureClient), primaryHandler);
        Configure(services.AddHttpClient<MigrationClient>(configureClient), primaryHandler);
        Configure(services.AddHttpClient<ProcessingClient>(configureClient), primaryHandler);
        Configure(services.AddHttpClient<FaultsClient>(configureClient), primaryHandler);
        Configure(services.AddHttpClient<ParticipantCallClient>(configureClient), primaryHandler);
        return services;
    }

    private static void Configure(IHttpClientBuilder builder, Func<IServiceProvider, HttpMessageHandler>? primaryHandler)
    {
        if (primaryHandler is not null)
        {
            builder.ConfigurePrimaryHttpMessageHandler(primaryHandler);
        }
    }
}
