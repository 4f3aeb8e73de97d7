// Sketch: the care-transition service as an Azure Functions custom handler on Linux Consumption.
// Not deployed from here (neither the Bicep CLI nor Functions Core Tools can be installed on these
// machines); `az deployment group create -f infra/main.bicep` is the intended use.
//
// Why these choices:
// - Custom handler: the Functions host forwards each trigger to our ASP.NET Core process
//   (host.json: customHandler, enableForwardingHttpRequest). Flex Consumption does not run custom
//   handlers, so this is the classic Linux Consumption plan (Y1).
// - One instance (functionAppScaleLimit = 1): the durable engine keeps its state in SQLite files
//   (Storage:Directory), which must have exactly one writer. They live on an Azure Files share mounted
//   into the app so they survive restarts and redeployments.
// - The x-functions-key the hospitals send is checked twice: by the host (a host key named "intake")
//   and by the app (Intake__ApiKey, same value), so the app stays safe when run without the host.

@description('Base name for the resources.')
param name string = 'vardovergang'

param location string = resourceGroup().location

@description('Where staff reach the service from their email links, e.g. https://vardovergang.example.se')
param publicBaseUrl string

@secure()
@description('The key hospitals send in x-functions-key.')
param intakeApiKey string

@secure()
@description('Base64 of at least 32 random bytes: the key for patient pseudonyms. Never change it: pseudonyms would change.')
param pseudonymKey string

param smtpHost string
param smtpPort int = 587
param smtpFrom string = 'Vardovergang <noreply@vardovergang.example.se>'
param smtpUserName string = ''

@secure()
param smtpPassword string = ''

var storageName = take(toLower(replace('${name}${uniqueString(resourceGroup().id)}', '-', '')), 24)
var queueName = 'care-transitions'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: { minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false, supportsHttpsTrafficOnly: true }
}

resource files 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource dataShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: files
  name: 'data'
  properties: { shareQuota: 10 }
}

resource contentShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: files
  name: 'content'
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: '${name}-${uniqueString(resourceGroup().id)}'
  location: location
  sku: { name: 'Basic', tier: 'Basic' }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: serviceBus
  name: queueName
  // A message intake refuses (400/422/409) fails the invocation; after 10 deliveries it is dead-lettered, never dropped.
  properties: { maxDeliveryCount: 10, deadLetteringOnMessageExpiration: true }
}

resource listenRule 'Microsoft.ServiceBus/namespaces/queues/authorizationRules@2022-10-01-preview' = {
  parent: queue
  name: 'function-listen'
  properties: { rights: [ 'Listen' ] }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  kind: 'functionapp'
  sku: { name: 'Y1', tier: 'Dynamic' }
  properties: { reserved: true }
}

var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};EndpointSuffix=${environment().suffixes.storage};AccountKey=${storage.listKeys().keys[0].value}'

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: name
  location: location
  kind: 'functionapp,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: ''
      functionAppScaleLimit: 1
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      azureStorageAccounts: {
        data: {
          type: 'AzureFiles'
          accountName: storage.name
          shareName: dataShare.name
          mountPath: '/mounts/data'
          accessKey: storage.listKeys().keys[0].value
        }
      }
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
        { name: 'AzureWebJobsStorage', value: storageConnection }
        { name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', value: storageConnection }
        { name: 'WEBSITE_CONTENTSHARE', value: contentShare.name }
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
        { name: 'PublicBaseUrl', value: publicBaseUrl }
        { name: 'Storage__Directory', value: '/mounts/data' }
        { name: 'Intake__ApiKey', value: intakeApiKey }
        { name: 'Privacy__PseudonymKey', value: pseudonymKey }
        { name: 'Smtp__Host', value: smtpHost }
        { name: 'Smtp__Port', value: string(smtpPort) }
        { name: 'Smtp__From', value: smtpFrom }
        { name: 'Smtp__EnableSsl', value: 'true' }
        { name: 'Smtp__UserName', value: smtpUserName }
        { name: 'Smtp__Password', value: smtpPassword }
        { name: 'Workflow__ReminderAfter', value: '04:00:00' }
        { name: 'Workflow__EscalateAfter', value: '1.00:00:00' }
        { name: 'Acknowledgements__TokenLifetime', value: '14.00:00:00' }
        { name: 'ServiceBusConnection', value: listenRule.listKeys().primaryConnectionString }
        { name: 'TransitionsQueueName', value: queueName }
      ]
    }
  }
}

resource intakeKey 'Microsoft.Web/sites/host/functionKeys@2023-12-01' = {
  name: '${app.name}/default/intake'
  properties: { name: 'intake', value: intakeApiKey }
}

output url string = 'https://${app.properties.defaultHostName}'
output queue string = queueName
