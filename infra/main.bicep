// The care-transition service on Azure: an Azure Functions isolated-worker app (.NET 10) with Durable
// Functions on the Flex Consumption plan, its app data in Azure Database for PostgreSQL Flexible Server.
// One resource group per environment: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.<env>.bicepparam
// What each choice is for, what is created outside this file and what was validated: infra/README.md.
//
// Data flow and who may touch what:
// - The Function App runs as one user-assigned identity. It reaches the storage account (Durable Functions task
//   hub, the intake queue, the reports archive, its own deployment package) and Key Vault with that identity:
//   the storage account takes no shared keys.
// - Every secret lives in Key Vault; app settings hold only Key Vault references to them.
// - App Service Authentication (Entra ID) signs users in and puts them in X-MS-CLIENT-PRINCIPAL; anonymous requests
//   pass through, because the acknowledgement links and intake carry their own token or key, and the app itself
//   requires the Styrgrupp role on the dashboard.

targetScope = 'resourceGroup'

// ── Types ─────────────────────────────────────────────────────────────────────────────────────────────────

type entraPrincipal = {
  @description('Object id of the user, group or service principal.')
  objectId: string
  @description('Its display name (for a group) or user principal name.')
  principalName: string
  principalType: 'Group' | 'User' | 'ServicePrincipal'
}

type firewallRange = {
  @description('Rule name, e.g. operators-office.')
  name: string
  startIpAddress: string
  endIpAddress: string
}

type resourceTags = {
  *: string
}

// ── Parameters ────────────────────────────────────────────────────────────────────────────────────────────

@description('Base name of every resource (lowercase letters, digits and hyphens).')
@minLength(3)
@maxLength(12)
param name string = 'vardovergang'

@description('The environment, part of every resource name.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentName string

@description('Region of every regional resource. Flex Consumption is offered in a subset of regions (swedencentral among them).')
param location string = resourceGroup().location

@description('Where staff reach the service from their email links, e.g. https://vardovergang.example.se. Empty: the function app\'s own https://<host>.')
param publicBaseUrl string = ''

// Flex Consumption scale.
@description('Memory of one Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to. Each instance holds up to postgresMaxPoolSize connections: keep the product below the server\'s max_connections.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Always-ready instances for the Durable Functions group (orchestrators, activities). 1 is Microsoft\'s recommendation for Durable Functions on Flex Consumption; 0 lets the app scale to zero.')
@minValue(0)
@maxValue(10)
param durableAlwaysReadyInstances int = 1

// PostgreSQL.
@description('PostgreSQL compute, e.g. Standard_B2s (Burstable) or Standard_D2ds_v5 (GeneralPurpose).')
param postgresSkuName string = 'Standard_B2s'

@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'

@allowed([
  '15'
  '16'
])
param postgresVersion string = '16'

@minValue(32)
param postgresStorageSizeGB int = 32

@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 7

@description('ZoneRedundant keeps a standby in another zone (GeneralPurpose or MemoryOptimized only).')
@allowed([
  'Disabled'
  'ZoneRedundant'
])
param postgresHighAvailability string = 'Disabled'

@description('Administrator login for password authentication; the app connects as it (see infra/README.md).')
param postgresAdminLogin string = 'caretransitions'

@secure()
@description('Administrator password. Given: set on the server and written to Key Vault with the connection string. Empty on a later deployment: server and vault keep what they have. Must not be empty on the first deployment.')
param postgresAdminPassword string = ''

@description('Npgsql pool size per instance: maximumInstanceCount × this stays below max_connections of the SKU.')
@minValue(1)
@maxValue(100)
param postgresMaxPoolSize int = 10

@description('Optional Entra administrator of the server (a group of operators). Empty object id: none.')
param postgresEntraAdmin entraPrincipal = {
  objectId: ''
  principalName: ''
  principalType: 'Group'
}

@description('Extra firewall ranges (operators\' fixed addresses). Empty keeps the server reachable from Azure only.')
param postgresOperatorIpRanges firewallRange[] = []

// Secrets the app reads through Key Vault references. Each is written to the vault when given and left as it is
// in the vault when empty, so a later deployment need not carry it again.
@secure()
@description('The key regional systems send in x-functions-key (Intake:ApiKey).')
param intakeApiKey string = ''

@secure()
@description('Privacy:PseudonymKey, base64 of at least 32 random bytes. Give it once per environment and never change it: every pseudonym would change.')
param pseudonymKey string = ''

@secure()
@description('Client secret of the Entra application the ACS SMTP user name is linked to (the SMTP password).')
param smtpPassword string = ''

@secure()
@description('Client secret of the sign-in app registration (App Service Authentication).')
param authClientSecret string = ''

// Sign-in (App Service Authentication with Entra ID); the app registration is made outside Bicep.
@description('Application (client) id of the sign-in app registration, the one with the Styrgrupp app role.')
param authClientId string

@description('Tenant of the sign-in app registration.')
param authTenantId string = tenant().tenantId

// Email through Azure Communication Services SMTP.
@description('Application (client) id of the Entra application used for ACS SMTP. Empty: no SMTP user name is made yet.')
param smtpEntraAppClientId string = ''

@description('Object id of that application\'s service principal (Enterprise applications), for its role on the Communication Services resource. Empty: assign the role by hand.')
param smtpServicePrincipalObjectId string = ''

@description('The monthly steering-group report\'s recipients, separated by commas. Empty: the schedule sends nothing.')
param reportRecipients string = ''

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Key Vault purge protection. Once on it cannot be turned off, and a deleted vault keeps its name for the retention period.')
param keyVaultPurgeProtection bool = true

@description('Tags added to every resource, besides application and environment.')
param tags resourceTags = {}

// ── Names ─────────────────────────────────────────────────────────────────────────────────────────────────

var suffix = take(uniqueString(resourceGroup().id, name, environmentName), 6)
var compactName = toLower(take(replace(name, '-', ''), 10))
var baseName = '${name}-${environmentName}'
var allTags = union({ application: name, environment: environmentName }, tags)

var identityName = 'id-${baseName}'
var storageAccountName = 'st${compactName}${environmentName}${suffix}'
var logAnalyticsName = 'log-${baseName}'
var appInsightsName = 'appi-${baseName}'
var keyVaultName = 'kv-${take(compactName, 9)}-${environmentName}-${take(suffix, 5)}'
var postgresServerName = 'psql-${baseName}-${suffix}'
var postgresDatabaseName = 'caretransitions'
var emailServiceName = 'ecs-${baseName}-${suffix}'
var communicationServiceName = 'acs-${baseName}-${suffix}'
var planName = 'plan-${baseName}'
var functionAppName = 'func-${baseName}-${suffix}'

// Durable Functions task hub (Azure Storage provider): letters and digits, starting with a letter, 3–45 characters.
var taskHubName = '${compactName}${environmentName}'

// Blob containers and queues the app uses; the intake trigger moves a message to <queue>-poison after host.json's
// queues.maxDequeueCount failed attempts.
var deploymentContainerName = 'app-package'
var reportsContainerName = 'reports'
var intakeQueueName = 'transitions-intake'
var intakePoisonQueueName = '${intakeQueueName}-poison'

// The setting App Service Authentication reads the sign-in client secret from.
var authSecretSettingName = 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'

// Built-in role definitions (ids are the same in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  communicationAndEmailServiceOwner: '09976791-48a7-449e-bb21-39d1a415f350'
}

// ── Identity ──────────────────────────────────────────────────────────────────────────────────────────────

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: identityName
  location: location
  tags: allTags
}

// ── Storage: Durable Functions task hub, intake queue, reports archive, deployment package ────────────────

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: storageAccountName
  location: location
  tags: allTags
  sku: {
    name: environmentName == 'prod' ? 'Standard_ZRS' : 'Standard_LRS'
  }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Identity only: the app, the Durable Functions provider and the Flex deployment all use the managed identity.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource reportsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: reportsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource intakeQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = {
  parent: queueService
  name: intakeQueueName
}

resource intakePoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = {
  parent: queueService
  name: intakePoisonQueueName
}

resource storageBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appIdentity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appIdentity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appIdentity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ── Monitoring ────────────────────────────────────────────────────────────────────────────────────────────

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: allTags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: allTags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

// ── PostgreSQL: the app data (tokens, processed message ids, sent emails, audit log, outcomes) ────────────

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: postgresServerName
  location: location
  tags: allTags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: postgresVersion
    administratorLogin: postgresAdminLogin
    // Write-only: left out when not given, so a later deployment keeps the server's password.
    administratorLoginPassword: empty(postgresAdminPassword) ? null : postgresAdminPassword
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Enabled'
      tenantId: tenant().tenantId
    }
    storage: {
      storageSizeGB: postgresStorageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: postgresHighAvailability
    }
    // Public access with a firewall: Flex Consumption without virtual network integration has no fixed outbound
    // addresses, so the rule below admits Azure's addresses; TLS (the server's default) and the password do the
    // rest. A virtual network with private access is the next step (infra/README.md).
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

// The server applies one change at a time, so its children are created one after the other.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = {
  parent: postgres
  // 0.0.0.0–0.0.0.0 is the platform's convention for "connections from Azure services".
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

@batchSize(1)
resource postgresOperatorRules 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = [
  for range in postgresOperatorIpRanges: {
    parent: postgres
    name: range.name
    properties: {
      startIpAddress: range.startIpAddress
      endIpAddress: range.endIpAddress
    }
    dependsOn: [
      postgresAllowAzure
    ]
  }
]

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = {
  parent: postgres
  name: postgresDatabaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    postgresAllowAzure
    postgresOperatorRules
  ]
}

resource postgresEntraAdministrator 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2025-08-01' = if (!empty(postgresEntraAdmin.objectId)) {
  parent: postgres
  name: postgresEntraAdmin.objectId
  properties: {
    principalName: postgresEntraAdmin.principalName
    principalType: postgresEntraAdmin.principalType
    tenantId: tenant().tenantId
  }
  dependsOn: [
    postgresDatabase
  ]
}

// Npgsql: values in double quotes (a quote inside doubled), so any password character is safe. VerifyFull checks
// the server's certificate against the public roots it chains to.
var postgresConnectionString = 'Host=${postgres.properties.fullyQualifiedDomainName};Port=5432;Database=${postgresDatabaseName};Username="${postgresAdminLogin}";Password="${replace(postgresAdminPassword, '"', '""')}";SSL Mode=VerifyFull;Maximum Pool Size=${postgresMaxPoolSize}'

// ── Key Vault: every secret the app reads ─────────────────────────────────────────────────────────────────

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' = {
  name: keyVaultName
  location: location
  tags: allTags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Only true or absent are accepted.
    enablePurgeProtection: keyVaultPurgeProtection ? true : null
    // Flex Consumption resolves Key Vault references only from a vault it reaches over the public endpoint
    // (infra/README.md); access is by Entra RBAC.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

var secretNames = {
  postgresConnectionString: 'postgres-connection-string'
  postgresAdminPassword: 'postgres-admin-password'
  intakeApiKey: 'intake-api-key'
  pseudonymKey: 'privacy-pseudonym-key'
  smtpPassword: 'smtp-password'
  authClientSecret: 'auth-client-secret'
}

resource postgresConnectionStringSecret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = if (!empty(postgresAdminPassword)) {
  parent: vault
  name: secretNames.postgresConnectionString
  properties: {
    value: postgresConnectionString
    contentType: 'Npgsql connection string'
  }
}

resource postgresAdminPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = if (!empty(postgresAdminPassword)) {
  parent: vault
  name: secretNames.postgresAdminPassword
  properties: {
    value: postgresAdminPassword
    contentType: 'PostgreSQL administrator password (${postgresAdminLogin})'
  }
}

resource intakeApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = if (!empty(intakeApiKey)) {
  parent: vault
  name: secretNames.intakeApiKey
  properties: {
    value: intakeApiKey
  }
}

resource pseudonymKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = if (!empty(pseudonymKey)) {
  parent: vault
  name: secretNames.pseudonymKey
  properties: {
    value: pseudonymKey
    contentType: 'base64, never rotate'
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = if (!empty(smtpPassword)) {
  parent: vault
  name: secretNames.smtpPassword
  properties: {
    value: smtpPassword
  }
}

resource authClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2026-02-01' = if (!empty(authClientSecret)) {
  parent: vault
  name: secretNames.authClientSecret
  properties: {
    value: authClientSecret
  }
}

// References by name without a version: the platform picks up a new version of a secret within a day, or at
// once on a restart. The URI does not depend on whether this deployment wrote the secret.
func keyVaultReference(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})'

// ── Email: Azure Communication Services with an Azure-managed domain ──────────────────────────────────────

resource emailService 'Microsoft.Communication/emailServices@2025-09-01' = {
  name: emailServiceName
  location: 'global'
  tags: allTags
  properties: {
    dataLocation: 'Europe'
  }
}

// <guid>.azurecomm.net, verified by Microsoft; a custom domain (needs DNS verification) replaces it later.
resource emailDomain 'Microsoft.Communication/emailServices/domains@2025-09-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: allTags
  properties: {
    domainManagement: 'AzureManaged'
    // No tracking pixels or rewritten links in mail to healthcare staff.
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2025-09-01' = {
  name: communicationServiceName
  location: 'global'
  tags: allTags
  properties: {
    dataLocation: 'Europe'
    linkedDomains: [
      emailDomain.id
    ]
  }
}

// ACS SMTP authenticates an Entra application: this SMTP user name links it to the resource, and the
// application's client secret is the SMTP password.
var smtpUserName = '${name}-${environmentName}-smtp'

resource smtpUser 'Microsoft.Communication/communicationServices/smtpUsernames@2025-09-01' = if (!empty(smtpEntraAppClientId)) {
  parent: communication
  name: smtpUserName
  properties: {
    username: smtpUserName
    entraApplicationId: smtpEntraAppClientId
    tenantId: tenant().tenantId
  }
}

resource smtpSenderRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(smtpServicePrincipalObjectId)) {
  name: guid(communication.id, smtpServicePrincipalObjectId, roles.communicationAndEmailServiceOwner)
  scope: communication
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.communicationAndEmailServiceOwner)
    principalId: smtpServicePrincipalObjectId
    principalType: 'ServicePrincipal'
  }
}

// ── Function App on Flex Consumption ──────────────────────────────────────────────────────────────────────

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: allTags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  tags: allTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${appIdentity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve as the app's identity (Key Vault Secrets User on the vault).
    keyVaultReferenceIdentity: appIdentity.id
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: appIdentity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: durableAlwaysReadyInstances > 0
          ? [
              {
                name: 'durable'
                instanceCount: durableAlwaysReadyInstances
              }
            ]
          : []
      }
      // On Flex Consumption the runtime is set here, not by FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
  dependsOn: [
    // The host reads its package, task hub and secrets as the identity from its first start.
    deploymentContainer
    storageBlobOwner
    storageQueueContributor
    storageTableContributor
    vaultSecretsUser
  ]
}

var siteUrl = 'https://${functionApp.properties.defaultHostName}'
var effectivePublicBaseUrl = empty(publicBaseUrl) ? siteUrl : publicBaseUrl
var vaultUri = vault.properties.vaultUri

// The service's configuration keys, ':' written as '__'. Set as their own resource so PublicBaseUrl can be the
// site's own address; this list is the whole set (settings added by hand are removed on the next deployment).
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Host storage and the Durable Functions task hub (Azure Storage provider), by managed identity.
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: appIdentity.properties.clientId
    DurableTaskHubName: taskHubName
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
    // For DefaultAzureCredential in the app's own Azure SDK clients (the reports archive names it itself, below).
    AZURE_CLIENT_ID: appIdentity.properties.clientId
    // App Service Authentication reads the sign-in client secret from here.
    '${authSecretSettingName}': keyVaultReference(vaultUri, secretNames.authClientSecret)

    // The service.
    PublicBaseUrl: effectivePublicBaseUrl
    Storage__Provider: 'Postgres'
    ConnectionStrings__Postgres: keyVaultReference(vaultUri, secretNames.postgresConnectionString)
    Intake__ApiKey: keyVaultReference(vaultUri, secretNames.intakeApiKey)
    Intake__QueueName: intakeQueueName
    Privacy__PseudonymKey: keyVaultReference(vaultUri, secretNames.pseudonymKey)
    Smtp__Host: 'smtp.azurecomm.net'
    Smtp__Port: '587'
    // STARTTLS on 587 (System.Net.Mail's EnableSsl, MailKit's StartTls).
    Smtp__EnableSsl: 'true'
    Smtp__UserName: smtpUserName
    Smtp__Password: keyVaultReference(vaultUri, secretNames.smtpPassword)
    // ACS sends only from a sender address of a linked domain; DoNotReply exists on every Azure-managed domain.
    Smtp__From: 'Vardovergang <DoNotReply@${emailDomain.properties.mailFromSenderDomain}>'
    Reports__Enabled: empty(reportRecipients) ? 'false' : 'true'
    Reports__Recipients: reportRecipients
    Reports__BlobContainer: reportsContainerName
    // The archive by the app's identity (Storage Blob Data Owner on the account, which takes no shared keys).
    Reports__BlobServiceUri: storage.properties.primaryEndpoints.blob
    Reports__ManagedIdentityClientId: appIdentity.properties.clientId
  }
}

// App Service Authentication: Entra ID sign-in, anonymous requests let through (see the file's header).
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      // IMPORTANT: the acknowledgement links (/ack/{token}) and intake (POST /api/transitions, x-functions-key) are
      // used without an Entra account; the dashboard requires the Styrgrupp role in the app. Keep the platform
      // enabled even so: it is what removes an X-MS-CLIENT-PRINCIPAL header a caller sends themselves.
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
      routes: {
        apiPrefix: '/.auth'
      }
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
          clientId: authClientId
          clientSecretSettingName: authSecretSettingName
        }
        validation: {
          allowedAudiences: [
            'api://${authClientId}'
            authClientId
          ]
        }
      }
    }
    login: {
      // The app needs the signed-in user's claims (X-MS-CLIENT-PRINCIPAL), not their tokens.
      tokenStore: {
        enabled: false
      }
      cookieExpiration: {
        convention: 'FixedTime'
        timeToExpiration: '08:00:00'
      }
    }
  }
  dependsOn: [
    appSettings
  ]
}

// ── Outputs ───────────────────────────────────────────────────────────────────────────────────────────────

output functionAppName string = functionApp.name
output functionAppHostName string = functionApp.properties.defaultHostName
@description('The redirect URI to add to the sign-in app registration (Web platform).')
output authRedirectUri string = '${siteUrl}/.auth/login/aad/callback'
output storageAccountName string = storage.name
output keyVaultName string = vault.name
output postgresServerHost string = postgres.properties.fullyQualifiedDomainName
output smtpFromAddress string = 'DoNotReply@${emailDomain.properties.mailFromSenderDomain}'
output durableTaskHubName string = taskHubName
