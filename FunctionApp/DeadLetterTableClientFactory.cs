using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace SagaFunctions.FunctionApp;

/// <summary>
/// Builds the dead-letter <see cref="TableClient"/> from app settings. In Azure: the storage account's table endpoint
/// (<see cref="AppSettings.AzureWebJobsStorageTableServiceUri"/>) with a managed identity, no keys. Locally: the
/// <see cref="AppSettings.AzureWebJobsStorage"/> connection string (<c>UseDevelopmentStorage=true</c> = Azurite).
/// </summary>
public static class DeadLetterTableClientFactory
{
    public const string DefaultTableName = "SagaDeadLetters";

    public static TableClient Create(IConfiguration configuration) =>
        Create(configuration, AppSettings.DeadLettersTableName, DefaultTableName);

    /// <summary>A client of the table named by <paramref name="tableNameSetting"/> (else <paramref name="defaultTableName"/>) in the app's storage account.</summary>
    public static TableClient Create(IConfiguration configuration, string tableNameSetting, string defaultTableName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var tableName = TableKeys.ValidateTableName(configuration.GetSetting(tableNameSetting) ?? defaultTableName, tableNameSetting);

        if (configuration.GetSetting(AppSettings.AzureWebJobsStorageTableServiceUri) is not null)
        {
            var endpoint = configuration.GetRequiredHttpUri(AppSettings.AzureWebJobsStorageTableServiceUri);
            return new TableClient(endpoint, tableName, CreateManagedIdentityCredential(configuration));
        }

        var connectionString = configuration.GetSetting(AppSettings.AzureWebJobsStorage)
            ?? throw new InvalidOperationException(
                $"Dead letters need storage: set '{AppSettings.AzureWebJobsStorageTableServiceUri}' (managed identity, in Azure) " +
                $"or '{AppSettings.AzureWebJobsStorage}' (a connection string; locally 'UseDevelopmentStorage=true' for Azurite).");
        return new TableClient(connectionString, tableName);
    }

    /// <summary>The user-assigned identity named by <c>AZURE_CLIENT_ID</c> (else the host's storage client id), or the system-assigned one.</summary>
    internal static ManagedIdentityCredential CreateManagedIdentityCredential(IConfiguration configuration)
    {
        var clientId = configuration.GetSetting(AppSettings.AzureClientId)
            ?? configuration.GetSetting(AppSettings.AzureWebJobsStorageClientId);
        return new ManagedIdentityCredential(
            clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
