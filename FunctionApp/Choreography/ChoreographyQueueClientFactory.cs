using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace SagaFunctions.FunctionApp.Choreography;

/// <summary>
/// The <see cref="QueueServiceClient"/> the choreography publishes with, on the same connection as the queue triggers
/// (<c>AzureWebJobsStorage</c>): in Azure the account's queue endpoint (<see cref="AppSettings.AzureWebJobsStorageQueueServiceUri"/>)
/// with the managed identity; locally the connection string. Bodies are Base64, as the queue extension expects by default.
/// </summary>
public static class ChoreographyQueueClientFactory
{
    public static QueueServiceClient Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (configuration.GetSetting(AppSettings.AzureWebJobsStorageQueueServiceUri) is not null)
        {
            var endpoint = configuration.GetRequiredHttpUri(AppSettings.AzureWebJobsStorageQueueServiceUri);
            return new QueueServiceClient(endpoint, DeadLetterTableClientFactory.CreateManagedIdentityCredential(configuration), options);
        }

        var connectionString = configuration.GetSetting(AppSettings.AzureWebJobsStorage)
            ?? throw new InvalidOperationException(
                $"The choreography needs storage queues: set '{AppSettings.AzureWebJobsStorageQueueServiceUri}' (managed identity, in Azure) " +
                $"or '{AppSettings.AzureWebJobsStorage}' (a connection string; locally 'UseDevelopmentStorage=true' for Azurite).");
        return new QueueServiceClient(connectionString, options);
    }
}
