// The dev environment. Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.dev.bicepparam
// Secrets come from environment variables of the shell that deploys (see infra/README.md); one left unset is
// empty, and an empty secret leaves what the vault already holds.
using 'main.bicep'

param environmentName = 'dev'
param location = 'swedencentral'

// Replace with the Application (client) id of this environment's sign-in app registration (Styrgrupp app role).
param authClientId = '00000000-0000-0000-0000-000000000000'

// ACS SMTP: the Entra application the SMTP user name is linked to, and its service principal's object id.
// Leave empty until that application exists; then deploy again.
param smtpEntraAppClientId = ''
param smtpServicePrincipalObjectId = ''

// Scale. Connection budget: maximumInstanceCount × postgresMaxPoolSize (40 × 8 = 320) stays below max_connections of Standard_B2s (429).
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param durableAlwaysReadyInstances = 0

param postgresSkuName = 'Standard_B2s'
param postgresSkuTier = 'Burstable'
param postgresHighAvailability = 'Disabled'
param postgresBackupRetentionDays = 7
param postgresMaxPoolSize = 8

param reportRecipients = ''
param logRetentionDays = 30
param keyVaultPurgeProtection = false

param postgresAdminPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD', '')
param intakeApiKey = readEnvironmentVariable('INTAKE_API_KEY', '')
param pseudonymKey = readEnvironmentVariable('PRIVACY_PSEUDONYM_KEY', '')
param smtpPassword = readEnvironmentVariable('SMTP_PASSWORD', '')
param authClientSecret = readEnvironmentVariable('AUTH_CLIENT_SECRET', '')
