namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>A small, correct function-app template; tests break one thing at a time.</summary>
internal static class FunctionAppSnippet
{
    public const string Text = """
        param identityId string
        param identityClientId string
        param taskHubName string = 'SagaHub'

        resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
          name: 'stsagas'
        }

        resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
          name: 'appi-sagas'
        }

        var appSettings = {
          AzureWebJobsStorage__blobServiceUri: storageAccount.properties.primaryEndpoints.blob
          AzureWebJobsStorage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue
          AzureWebJobsStorage__tableServiceUri: storageAccount.properties.primaryEndpoints.table
          AzureWebJobsStorage__credential: 'managedidentity'
          AzureWebJobsStorage__clientId: identityClientId
          AZURE_CLIENT_ID: identityClientId
          APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
          APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
          TaskHubName: taskHubName
          DeadLetters__TableName: 'SagaDeadLetters'
          Participants__BaseUrl: 'https://participants.example'
        }

        module plan 'br/public:avm/res/web/serverfarm:0.1.1' = {
          name: 'plan'
          params: {
            name: 'plan-sagas'
            sku: {
              name: 'FC1'
              tier: 'FlexConsumption'
            }
            reserved: true
          }
        }

        module functionApp 'br/public:avm/res/web/site:0.15.1' = {
          name: 'api'
          params: {
            kind: 'functionapp,linux'
            name: 'func-sagas'
            serverFarmResourceId: plan.outputs.resourceId
            httpsOnly: true
            managedIdentities: {
              userAssignedResourceIds: [
                identityId
              ]
            }
            functionAppConfig: {
              deployment: {
                storage: {
                  type: 'blobContainer'
                  value: '${storageAccount.properties.primaryEndpoints.blob}app-package'
                  authentication: {
                    type: 'UserAssignedIdentity'
                    userAssignedIdentityResourceId: identityId
                  }
                }
              }
              runtime: {
                name: 'dotnet-isolated'
                version: '10.0'
              }
            }
            appSettingsKeyValuePairs: appSettings
          }
        }

        output name string = functionApp.outputs.name
        """;
}
