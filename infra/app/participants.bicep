// The participant services (payments, inventory, accounts, ...) as one ASP.NET Core app on Linux App Service.
// They keep their SQLite files under /home, which App Service keeps across restarts and redeployments.

@description('Name of the web app.')
param name string

@description('Location of the web app.')
param location string = resourceGroup().location

@description('Tags; the azd-service-name tag is added here.')
param tags object = {}

@description('Service name in azure.yaml; azd finds the app to deploy to by this tag.')
param serviceName string = 'participants'

@description('Resource id of the Linux App Service plan.')
param appServicePlanId string

@description('Folder for the participants\' SQLite files; must be under /home to persist.')
param dataDirectory string = '/home/data/participants'

module webApp 'br/public:avm/res/web/site:0.15.1' = {
  name: '${serviceName}-app-service'
  params: {
    kind: 'app,linux'
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': serviceName })
    serverFarmResourceId: appServicePlanId
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      healthCheckPath: '/healthz'
    }
    appSettingsKeyValuePairs: {
      WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'true'
      Participants__DataDirectory: dataDirectory
      // /home is a network share: SQLite's WAL needs shared memory, so use rollback journaling there.
      Participants__JournalMode: 'DELETE'
    }
  }
}

output name string = webApp.outputs.name
output url string = 'https://${webApp.outputs.defaultHostname}'
