// Flipside on Azure: one Linux App Service (Node 22 LTS) running the whole app (tab, API, bot
// endpoint) as `node dist-server/server/main.js`, a user-assigned managed identity (the bot's
// identity, and the credential Flipside's Entra app trusts instead of a secret), a Key Vault for
// what must stay secret, an Azure Bot with the Microsoft Teams channel, Azure Database for
// PostgreSQL flexible server, and Application Insights on a Log Analytics workspace that also
// receives the App Service logs (diagnostic settings).
// Deployed by `teamsapp provision` (arm/deploy in teamsapp.yml) with azure.parameters.json,
// whose ${{...}} placeholders the toolkit fills from env/.env.<env> and env/.env.<env>.user.
// Every output is written back to env/.env.<env> under the same (upper-case) name.
//
// API versions (checked against learn.microsoft.com/azure/templates, November 2026):
//   Microsoft.Web/serverfarms, sites                      2024-04-01
//   Microsoft.BotService/botServices, channels            2022-09-15 (latest non-preview)
//   Microsoft.DBforPostgreSQL/flexibleServers (+children) 2024-08-01
//   Microsoft.OperationalInsights/workspaces              2023-09-01
//   Microsoft.Insights/components                         2020-02-02
//   Microsoft.Insights/diagnosticSettings                 2021-05-01-preview (latest)
//   Microsoft.ManagedIdentity/userAssignedIdentities      2023-01-31
//   Microsoft.KeyVault/vaults, secrets                    2023-07-01
//   Microsoft.Authorization/roleAssignments               2022-04-01
// The bot's identity follows the Microsoft 365 Agents Toolkit bot templates (infra/botRegistration/
// azurebot.bicep): msaAppType UserAssignedMSI with the identity's client id, resource id and tenant.

@minLength(3)
@maxLength(20)
@description('Prefix of every resource name: lower-case letters and digits.')
param resourceBaseName string

@description('Region of the regional resources. Defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('App Service plan SKU. B1 or above: alwaysOn is not available on F1.')
param webAppSku string = 'B1'

@description('Azure Bot SKU: F0 (free, standard channels such as Teams are free anyway) or S1.')
@allowed(['F0', 'S1'])
param botServiceSku string = 'F0'

@description('Display name of the bot in the Azure portal.')
param botDisplayName string = 'Flipside'

@description('Entra tenant of the Microsoft 365 organisation (AAD_APP_TENANT_ID).')
param m365TenantId string

@description('Client id of Flipside\'s Entra app registration (tab SSO, Graph): AAD_APP_CLIENT_ID.')
param m365ClientId string

@description('Flipside\'s app registration proves itself with the managed identity (a federated identity credential, no secret). Set false only where the tenant does not allow it: the secret below is then kept in Key Vault.')
param useFederatedCredential bool = true

@secure()
@description('Client secret of that app registration (SECRET_AAD_APP_CLIENT_SECRET): only when useFederatedCredential is false. Stored in Key Vault, never in App Settings.')
param m365ClientSecret string = ''

@description('Entra authority host.')
param m365AuthorityHost string = 'https://login.microsoftonline.com'

@description('Teams app id (TEAMS_APP_ID, the manifest id): the app finds its org-catalog id from it to install itself through Graph, and deep links name it.')
param teamsAppId string

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'flipsideadmin'

@secure()
@minLength(12)
@description('PostgreSQL administrator password: SECRET_POSTGRES_ADMIN_PASSWORD.')
param postgresAdminPassword string

@description('PostgreSQL storage in GiB.')
param postgresStorageSizeGB int = 32

@description('Log level of the app (pino).')
@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
param logLevel string = 'info'

// Web app and PostgreSQL server names are global (they become DNS names): make them unique per
// resource group, so two environments or two customers never collide.
var uniqueSuffix = take(uniqueString(resourceGroup().id, resourceBaseName), 6)
var serverfarmName = '${resourceBaseName}-plan'
var webAppName = '${resourceBaseName}-${uniqueSuffix}'
var postgresServerName = '${resourceBaseName}-pg-${uniqueSuffix}'
var postgresDatabaseName = 'flipside'
var workspaceName = '${resourceBaseName}-logs'
var appInsightsName = '${resourceBaseName}-ai'
var botServiceName = '${resourceBaseName}-bot-${uniqueSuffix}'
var identityName = '${resourceBaseName}-id'
// Key Vault names are global, 3-24 characters.
var keyVaultName = take('${resourceBaseName}kv${uniqueSuffix}', 24)
// Built-in role "Key Vault Secrets User": read secret values (what Key Vault references need).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// The one identity of the deployment: the Azure Bot's app identity (no bot secret), the identity
// App Service reads Key Vault references with, and the credential Flipside's Entra app trusts
// through a federated identity credential (teamsapp.yml adds it), so no Graph secret exists.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
  }
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresServerName
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
    storage: {
      storageSizeGB: postgresStorageSizeGB
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: postgresDatabaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// The documented "allow public access from any Azure service" rule: 0.0.0.0 to 0.0.0.0.
// It admits any Azure-hosted client (authentication still applies); for tighter isolation put
// the server and the web app in a virtual network instead.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'database-url'
  properties: {
    value: 'postgresql://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${postgresDatabaseName}?sslmode=require'
  }
}

resource m365ClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!useFederatedCredential) {
  parent: keyVault
  name: 'm365-client-secret'
  properties: {
    value: m365ClientSecret
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: serverfarmName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true // Linux
  }
}

var publicHost = '${webAppName}.azurewebsites.net'
var publicUrl = 'https://${publicHost}'

// How the Graph app proves itself: the managed identity's federated credential (the default), or a
// client secret read from Key Vault. One line each: Bicep reads a newline in an array as the item's end.
var graphCredentialByIdentity = { name: 'MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
var graphCredentialBySecret = { name: 'SECRET_M365_CLIENT_SECRET', value: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=m365-client-secret)' }

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: serverfarm.id
    // Key Vault references (@Microsoft.KeyVault(...)) are read with the user-assigned identity.
    keyVaultReferenceIdentity: identity.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // node itself, so the SIGTERM App Service sends on a restart, a deployment or a scale-in
      // reaches Flipside, which lets its sends in flight finish (npm would not pass it on).
      appCommandLine: 'node dist-server/server/main.js'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      // Readiness: database, Graph token, directory sync age, Bot Connector, org catalog (503 when one fails).
      healthCheckPath: '/readyz'
      appSettings: [
        { name: 'FLIPSIDE_MODE', value: 'tenant' }
        { name: 'PUBLIC_URL', value: publicUrl }
        { name: 'M365_TENANT_ID', value: m365TenantId }
        { name: 'M365_CLIENT_ID', value: m365ClientId }
        useFederatedCredential ? graphCredentialByIdentity : graphCredentialBySecret
        { name: 'M365_AUTHORITY_HOST', value: m365AuthorityHost }
        { name: 'M365_APP_ID_URI', value: 'api://${publicHost}/${m365ClientId}' }
        { name: 'GRAPH_BASE_URL', value: 'https://graph.microsoft.com/v1.0' }
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
        // @azure/identity (the bot's token, the federated credential) picks the user-assigned identity by it.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'TEAMS_APP_ID', value: teamsAppId }
        { name: 'DATABASE_URL', value: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=database-url)' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'LOG_LEVEL', value: logLevel }
        // The deploy stage uploads a built tree with its production dependencies (build/deploy):
        // no Oryx build; the zip is mounted read-only and run as it is.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
      ]
    }
  }
  dependsOn: [
    postgresDatabase
    postgresAllowAzure
    identityReadsSecrets
  ]
}

// App Service's logs (Flipside's stdout lines, each with its trace id; HTTP; platform) go to the
// Log Analytics workspace behind Application Insights.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'flipside-logs'
  scope: webApp
  properties: {
    workspaceId: workspace.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceAppLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: '${publicUrl}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    msaAppType: 'UserAssignedMSI'
  }
}

resource botTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// Read by the toolkit (written to env/.env.<env>) and by the manifest / Entra app templates.
output TAB_DOMAIN string = publicHost
output TAB_ENDPOINT string = publicUrl
output BOT_DOMAIN string = publicHost
output BOT_ENDPOINT string = publicUrl
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output AZURE_WEB_APP_NAME string = webApp.name
// The bot's app id is the managed identity's client id (manifest bots[].botId).
output BOT_ID string = identity.properties.clientId
output IDENTITY_CLIENT_ID string = identity.properties.clientId
output IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output IDENTITY_RESOURCE_ID string = identity.id
output AZURE_KEY_VAULT_NAME string = keyVault.name
output AZURE_BOT_SERVICE_NAME string = bot.name
output POSTGRES_SERVER_FQDN string = postgres.properties.fullyQualifiedDomainName
output POSTGRES_DATABASE_NAME string = postgresDatabaseName
