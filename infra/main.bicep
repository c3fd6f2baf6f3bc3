targetScope = 'subscription'

// SagaFunctions on Azure: the FunctionApp (Durable Functions, Azure Storage provider) on Flex Consumption and the
// participant services on App Service. Every identity-bearing connection goes through one user-assigned managed
// identity; the storage account has shared keys disabled. Deployed by `azd up` (see azure.yaml) or
// `az deployment sub create` (see README, "Deploy to Azure").

@minLength(1)
@maxLength(64)
@description('Name of the environment; it names the resource group and seeds the unique token in every resource name.')
param environmentName string

@minLength(1)
@description('Primary location for all resources. It must offer Flex Consumption: az functionapp list-flexconsumption-locations.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user (or service principal). It gets the same data roles as the app, for debugging. Empty skips them.')
param principalId string = deployer().objectId

@description('Principal type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Durable Functions task hub name (letters and digits, 3-45 characters, starting with a letter).')
@minLength(3)
@maxLength(45)
param taskHubName string = 'SagaHub'

@description('Azure Table that receives compensations that failed after all retries.')
@minLength(3)
@maxLength(63)
param deadLetterTableName string = 'SagaDeadLetters'

@description('Azure Table where each start claims its instance id, so concurrent starts of one id run one saga.')
@minLength(3)
@maxLength(63)
param startClaimsTableName string = 'SagaStartClaims'

@description('Azure Table of the order choreography: status, event trail, consumed message ids and outbox.')
@minLength(3)
@maxLength(63)
param choreographyTableName string = 'SagaChoreographies'

@description('Azure Table of operator actions (the audit trail: retries, resolutions, cancels, terminations).')
@minLength(3)
@maxLength(63)
param auditTableName string = 'SagaAudit'

@description('App Service plan SKU for the participant services (Linux).')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param participantsSkuName string = 'B1'

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound of Flex Consumption instances the function app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

// Optional name overrides; empty means "derive from the abbreviation and the resource token".
param resourceGroupName string = ''
param functionAppName string = ''
param participantsAppName string = ''
param userAssignedIdentityName string = ''
param storageAccountName string = ''
param logAnalyticsName string = ''
param applicationInsightsName string = ''
param functionPlanName string = ''
param participantsPlanName string = ''

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppResourceName = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}sagas-${resourceToken}'
var participantsAppResourceName = !empty(participantsAppName)
  ? participantsAppName
  : '${abbrs.webSitesAppService}participants-${resourceToken}'
// Flex Consumption pulls the deployment package from this container (at most 63 lower-case characters).
var deploymentStorageContainerName = 'app-package-${take(toLower(functionAppResourceName), 32)}-${take(toLower(uniqueString(functionAppResourceName, resourceToken)), 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// Every resource is declared natively in app/*.bicep (no registry modules), so the Bicep CLI compiles the whole
// deployment offline.
module appIdentity './app/identity.bicep' = {
  name: 'appIdentity'
  scope: rg
  params: {
    name: !empty(userAssignedIdentityName)
      ? userAssignedIdentityName
      : '${abbrs.managedIdentityUserAssignedIdentities}sagas-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage './app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentStorageContainerName: deploymentStorageContainerName
    deadLetterTableName: deadLetterTableName
    startClaimsTableName: startClaimsTableName
    choreographyTableName: choreographyTableName
    auditTableName: auditTableName
  }
}

module monitoring './app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: !empty(applicationInsightsName)
      ? applicationInsightsName
      : '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module participants './app/participants.bicep' = {
  name: 'participants'
  scope: rg
  params: {
    name: participantsAppResourceName
    planName: !empty(participantsPlanName) ? participantsPlanName : '${abbrs.webServerFarms}participants-${resourceToken}'
    location: location
    tags: tags
    skuName: participantsSkuName
  }
}

module api './app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppResourceName
    planName: !empty(functionPlanName) ? functionPlanName : '${abbrs.webServerFarms}sagas-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deploymentStorageContainerName: storage.outputs.deploymentStorageContainerName
    identityId: appIdentity.outputs.resourceId
    identityClientId: appIdentity.outputs.clientId
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    taskHubName: taskHubName
    deadLetterTableName: storage.outputs.deadLetterTableName
    startClaimsTableName: storage.outputs.startClaimsTableName
    choreographyTableName: storage.outputs.choreographyTableName
    choreographyQueueNames: storage.outputs.choreographyQueueNames
    auditTableName: storage.outputs.auditTableName
    participantsBaseUrl: participants.outputs.url
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
  }
}

module rbac './app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    appInsightsName: monitoring.outputs.applicationInsightsName
    managedIdentityPrincipalId: appIdentity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_URL string = api.outputs.url
output PARTICIPANTS_APP_NAME string = participants.outputs.name
output PARTICIPANTS_URL string = participants.outputs.url
output TASK_HUB_NAME string = taskHubName
output DEAD_LETTER_TABLE_NAME string = deadLetterTableName
