// The participant services (payments, inventory, accounts, ...) as one ASP.NET Core app on a Linux App Service plan.
// They keep their SQLite files under /home, which App Service keeps across restarts and redeployments.

@description('Name of the web app.')
param name string

@description('Name of the Linux App Service plan.')
param planName string

@description('Location of the plan and the web app.')
param location string = resourceGroup().location

@description('Tags; the azd-service-name tag is added to the web app.')
param tags object = {}

@description('Service name in azure.yaml; azd finds the app to deploy to by this tag.')
param serviceName string = 'participants'

@description('App Service plan SKU (Linux).')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param skuName string = 'B1'

@description('Folder for the participants\' SQLite files; must be under /home to persist.')
param dataDirectory string = '/home/data/participants'

var skuTiers = {
  B1: 'Basic'
  B2: 'Basic'
  B3: 'Basic'
  S1: 'Standard'
  P0v3: 'PremiumV3'
  P1v3: 'PremiumV3'
}

// One instance: the SQLite files on the /home share must not be written by several instances.
resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    tier: skuTiers[skuName]
    capacity: 1
  }
  properties: {
    reserved: true
    zoneRedundant: false
  }
}

resource webApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'app,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      healthCheckPath: '/healthz'
      appSettings: [
        {
          name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE'
          value: 'true'
        }
        {
          name: 'Participants__DataDirectory'
          value: dataDirectory
        }
        // /home is a network share: SQLite's WAL needs shared memory, so use rollback journaling there.
        {
          name: 'Participants__JournalMode'
          value: 'DELETE'
        }
      ]
    }
  }
}

output name string = webApp.name
output url string = 'https://${webApp.properties.defaultHostName}'
