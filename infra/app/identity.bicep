// The one user-assigned identity the function app uses for storage (host, Durable task hub, deployment package,
// dead letters) and for Application Insights ingestion.

@description('Name of the user-assigned managed identity.')
param name string

@description('Location of the identity.')
param location string = resourceGroup().location

@description('Tags of the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output name string = identity.name
output resourceId string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
