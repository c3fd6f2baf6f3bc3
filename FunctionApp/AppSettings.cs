namespace SagaFunctions.FunctionApp;

/// <summary>
/// Every app setting the function app reads, spelled as it is set in Azure app settings, Bicep and
/// <c>local.settings.json</c> (double underscore = configuration section separator). Read them through
/// <see cref="ConfigurationExtensions.GetSetting"/>, which maps <c>__</c> to <c>:</c>.
/// </summary>
public static class AppSettings
{
    /// <summary>Durable Functions task hub; host.json reads it as <c>%TaskHubName%</c>.</summary>
    /// <summary>Application Insights' connection string (set by infra/); when present, the SagaFunctions meter is exported to Azure Monitor.</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public const string TaskHubName = "TaskHubName";

    /// <summary>Absolute base URL of the participant services (read as <c>Participants:BaseUrl</c>).</summary>
    public const string ParticipantsBaseUrl = "Participants__BaseUrl";

    /// <summary>Azure Table holding failed compensations (read as <c>DeadLetters:TableName</c>).</summary>
    public const string DeadLettersTableName = "DeadLetters__TableName";

    /// <summary>Azure Table of instance-id start claims (read as <c>StartClaims:TableName</c>; default <c>SagaStartClaims</c>).</summary>
    public const string StartClaimsTableName = "StartClaims__TableName";

    /// <summary>Azure Table of the choreographies' status, event trail, consumed message ids and outbox (read as <c>Choreography:TableName</c>; default <c>SagaChoreographies</c>).</summary>
    public const string ChoreographyTableName = "Choreography__TableName";

    /// <summary>Storage queue of the payments handlers (charge, refund); the queue trigger reads it as <c>%ChoreographyPaymentsQueue%</c>.</summary>
    public const string ChoreographyPaymentsQueue = "ChoreographyPaymentsQueue";

    /// <summary>Storage queue of the inventory handlers (reserve, release).</summary>
    public const string ChoreographyInventoryQueue = "ChoreographyInventoryQueue";

    /// <summary>Storage queue of the shipping handlers (create, cancel).</summary>
    public const string ChoreographyShippingQueue = "ChoreographyShippingQueue";

    /// <summary>Storage queue of the notifications handler (send).</summary>
    public const string ChoreographyNotificationsQueue = "ChoreographyNotificationsQueue";

    /// <summary>Azure Table of operator actions, the audit trail (read as <c>Audit:TableName</c>; default <c>SagaAudit</c>).</summary>
    public const string AuditTableName = "Audit__TableName";

    /// <summary>Client id of the user-assigned managed identity that reaches storage in Azure.</summary>
    public const string AzureClientId = "AZURE_CLIENT_ID";

    /// <summary>Storage connection string; locally <c>UseDevelopmentStorage=true</c> (Azurite).</summary>
    public const string AzureWebJobsStorage = "AzureWebJobsStorage";

    /// <summary>Table endpoint of the storage account when connecting with a managed identity (no keys).</summary>
    public const string AzureWebJobsStorageTableServiceUri = "AzureWebJobsStorage__tableServiceUri";

    /// <summary>Queue endpoint of the storage account when connecting with a managed identity (the choreography's publisher).</summary>
    public const string AzureWebJobsStorageQueueServiceUri = "AzureWebJobsStorage__queueServiceUri";

    /// <summary>Managed identity client id the Functions host uses for storage; fallback for <see cref="AzureClientId"/>.</summary>
    public const string AzureWebJobsStorageClientId = "AzureWebJobsStorage__clientId";
}
