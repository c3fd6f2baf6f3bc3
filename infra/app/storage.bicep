// Blob: host leases and the deployment package; queues and tables: the Durable Functions Azure Storage provider;
// one more table for dead letters. Shared keys are off, so only Entra ID (the app's identity) gets in.

@description('Name of the storage account (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Location of the storage account.')
param location string = resourceGroup().location

@description('Tags of the storage account.')
param tags object = {}

@description('Blob container the Flex Consumption app pulls its deployment package from.')
param deploymentStorageContainerName string

@description('Azure Table that receives compensations that failed after all retries.')
param deadLetterTableName string

@description('Azure Table of instance-id start claims (one row per started instance id).')
param startClaimsTableName string

@description('Azure Table of the order choreography (status, event trail, consumed message ids, outbox).')
param choreographyTableName string

// One queue per participant service of the order choreography; the Functions host adds '<name>-poison' on its own.
var choreographyQueues = {
  payments: 'choreography-payments'
  inventory: 'choreography-inventory'
  shipping: 'choreography-shipping'
  notifications: 'choreography-notifications'
}

@description('Azure Table of operator actions (the audit trail).')
param auditTableName string

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-09-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-09-01' = {
  parent: storageAccount
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-09-01' = {
  parent: blobService
  name: deploymentStorageContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-09-01' = {
  parent: storageAccount
  name: 'default'
}

resource deadLetterTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-09-01' = {
  parent: tableService
  name: deadLetterTableName
}

resource startClaimsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-09-01' = {
  parent: tableService
  name: startClaimsTableName
}

resource choreographyTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-09-01' = {
  parent: tableService
  name: choreographyTableName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-09-01' = {
  parent: storageAccount
  name: 'default'
}

resource choreographyQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-09-01' = [for queue in items(choreographyQueues): {
  parent: queueService
  name: queue.value
}]

resource auditTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-09-01' = {
  parent: tableService
  name: auditTableName
}

output name string = storageAccount.name
output resourceId string = storageAccount.id
output deploymentStorageContainerName string = deploymentContainer.name
output deadLetterTableName string = deadLetterTable.name
output startClaimsTableName string = startClaimsTable.name
output choreographyTableName string = choreographyTable.name
output choreographyQueueNames object = choreographyQueues
output auditTableName string = auditTable.name
