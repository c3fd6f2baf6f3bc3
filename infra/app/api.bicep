// The FunctionApp (Durable Functions on the Azure Storage provider) on Flex Consumption.
// Storage and Application Insights are reached through the user-assigned identity only: no keys, no secrets.

@description('Name of the function app.')
param name string

@description('Location of the function app.')
param location string = resourceGroup().location

@description('Tags; the azd-service-name tag is added here.')
param tags object = {}

@description('Service name in azure.yaml; azd finds the app to deploy to by this tag.')
param serviceName string = 'api'

@description('Resource id of the Flex Consumption (FC1) plan.')
param appServicePlanId string

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

@description('https base URL of the participant services.')
param participantsBaseUrl string

@description('Memory of each instance, in MB.')
param instanceMemoryMB int = 2048

@description('Upper bound of instances.')
param maximumInstanceCount int = 100

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// The names below are the ones FunctionApp/AppSettings.cs reads; tests/Infra.Tests checks every one is set here.
var appSettings = {
  // Identity-based host storage: blob (leases, package), queue and table (Durable's Azure Storage provider).
  AzureWebJobsStorage__blobServiceUri: storageAccount.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storageAccount.properties.primaryEndpoints.table
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // DefaultAzureCredential / ManagedIdentityCredential in app code (dead-letter table client) pick this up.
  AZURE_CLIENT_ID: identityClientId
  // The connection string of a component with local auth disabled carries no usable secret: ingestion
  // needs the Entra token that the authentication string tells the SDK to fetch with the identity.
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  TaskHubName: taskHubName
  DeadLetters__TableName: deadLetterTableName
  Participants__BaseUrl: participantsBaseUrl
}

module functionApp 'br/public:avm/res/web/site:0.15.1' = {
  name: '${serviceName}-flex-consumption'
  params: {
    kind: 'functionapp,linux'
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': serviceName })
    serverFarmResourceId: appServicePlanId
    httpsOnly: true
    managedIdentities: {
      systemAssigned: false
      userAssignedResourceIds: [
        identityId
      ]
    }
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
    }
    appSettingsKeyValuePairs: appSettings
  }
}

output name string = functionApp.outputs.name
output url string = 'https://${functionApp.outputs.defaultHostname}'
