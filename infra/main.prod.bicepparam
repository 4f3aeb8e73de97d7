// The prod environment. Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.prod.bicepparam
// Secrets come from environment variables of the shell that deploys (see infra/README.md); one left unset is
// empty, and an empty secret leaves what the vault already holds.
using 'main.bicep'

param environmentName = 'prod'
param location = 'swedencentral'

// Replace with the Application (client) id of this environment's sign-in app registration (Styrgrupp app role).
param authClientId = '00000000-0000-0000-0000-000000000000'

// ACS SMTP: the Entra application the SMTP user name is linked to, and its service principal's object id.
// Leave empty until that application exists; then deploy again.
param smtpEntraAppClientId = ''
param smtpServicePrincipalObjectId = ''

// Scale. Connection budget: maximumInstanceCount × postgresMaxPoolSize (40 × 10 = 400) stays below max_connections of Standard_D2ds_v5 (859).
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param durableAlwaysReadyInstances = 1

param postgresSkuName = 'Standard_D2ds_v5'
param postgresSkuTier = 'GeneralPurpose'
param postgresHighAvailability = 'ZoneRedundant'
param postgresBackupRetentionDays = 35
param postgresMaxPoolSize = 10

param reportRecipients = ''
param logRetentionDays = 90
param keyVaultPurgeProtection = true

param postgresAdminPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD', '')
param intakeApiKey = readEnvironmentVariable('INTAKE_API_KEY', '')
param pseudonymKey = readEnvironmentVariable('PRIVACY_PSEUDONYM_KEY', '')
param smtpPassword = readEnvironmentVariable('SMTP_PASSWORD', '')
param authClientSecret = readEnvironmentVariable('AUTH_CLIENT_SECRET', '')
