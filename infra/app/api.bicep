// The FunctionApp (Durable Functions on the Azure Storage provider) on a Flex Consumption (FC1) plan.
// Storage and Application Insights are reached through the user-assigned identity only: no keys, no secrets.

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Location of the plan and the function app.')
param location string = resourceGroup().location

@description('Tags; the azd-service-name tag is added to the function app.')
param tags object = {}

@description('Service name in azure.yaml; azd finds the app to deploy to by this tag.')
param serviceName string = 'api'

@description('Storage account for the host, the Durable task hub, the deployment package and the dead letters.')
param storageAccountName string

@description('Blob container that holds the deployment package.')
param deploymentStorageContainerName string

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Application Insights component (local auth disabled) that receives telemetry.')
param applicationInsightsName string

@description('Durable Functions task hub name; host.json reads it as %TaskHubName%.')
param taskHubName string

@description('Azure Table for dead-lettered compensations.')
param deadLetterTableName string

@description('Azure Table of instance-id start claims.')
param startClaimsTableName string

@description('Azure Table of the order choreography.')
param choreographyTableName string

@description('Storage queues of the order choreography by participant service: {payments, inventory, shipping, notifications}.')
param choreographyQueueNames object

@description('Azure Table of operator actions (the audit trail).')
param auditTableName string

@description('https base URL of the participant services.')
param participantsBaseUrl string

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound of instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Flex Consumption: Linux only, no always-ready instances configured, so an idle app costs nothing to run.
resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentStorageContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      alwaysOn: false
      minTlsVersion: '1.2'
      // The names below are the ones FunctionApp/AppSettings.cs reads; tests/Infra.Tests checks that each is set.
      // No FUNCTIONS_WORKER_RUNTIME or FUNCTIONS_EXTENSION_VERSION: Flex Consumption takes both from functionAppConfig.
      appSettings: [
        // Identity-based host storage: blob (leases, package), queue and table (Durable's Azure Storage provider).
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storageAccount.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storageAccount.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storageAccount.properties.primaryEndpoints.table
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        // ManagedIdentityCredential in app code (the dead-letter table client) picks this up.
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        // The connection string of a component with local auth disabled carries no usable secret: ingestion
        // needs the Entra token that the authentication string tells the SDK to fetch with the identity.
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        {
          name: 'TaskHubName'
          value: taskHubName
        }
        {
          name: 'DeadLetters__TableName'
          value: deadLetterTableName
        }
        {
          name: 'StartClaims__TableName'
          value: startClaimsTableName
        }
        {
          name: 'Audit__TableName'
          value: auditTableName
        }
        {
          name: 'Participants__BaseUrl'
          value: participantsBaseUrl
        }
        // The order choreography: its table and one queue per participant service (the queue triggers read the names).
        {
          name: 'Choreography__TableName'
          value: choreographyTableName
        }
        {
          name: 'ChoreographyPaymentsQueue'
          value: choreographyQueueNames.payments
        }
        {
          name: 'ChoreographyInventoryQueue'
          value: choreographyQueueNames.inventory
        }
        {
          name: 'ChoreographyShippingQueue'
          value: choreographyQueueNames.shipping
        }
        {
          name: 'ChoreographyNotificationsQueue'
          value: choreographyQueueNames.notifications
        }
      ]
    }
  }
}

output name string = functionApp.name
output url string = 'https://${functionApp.properties.defaultHostName}'
