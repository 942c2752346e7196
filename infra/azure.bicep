// Flipside on Azure: one Linux App Service (Node 20) running the whole app (tab, API, bot
// endpoint), an Azure Bot with the Microsoft Teams channel, Azure Database for PostgreSQL
// flexible server, and Application Insights on a Log Analytics workspace.
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

@secure()
@description('Client secret of that app registration: SECRET_AAD_APP_CLIENT_SECRET.')
param m365ClientSecret string

@description('Entra authority host.')
param m365AuthorityHost string = 'https://login.microsoftonline.com'

@description('Client id of the bot\'s Entra app registration: BOT_ID.')
param botAadAppClientId string

@secure()
@description('Client secret of the bot\'s app registration: SECRET_BOT_PASSWORD.')
param botAadAppClientSecret string

@description('Tenant of the bot\'s (single-tenant) app registration. Defaults to m365TenantId.')
param botTenantId string = m365TenantId

@description('Teams app id (TEAMS_APP_ID), used by the app to install itself through Graph.')
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

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm start'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      appSettings: [
        { name: 'FLIPSIDE_MODE', value: 'tenant' }
        { name: 'PUBLIC_URL', value: publicUrl }
        { name: 'M365_TENANT_ID', value: m365TenantId }
        { name: 'M365_CLIENT_ID', value: m365ClientId }
        { name: 'SECRET_M365_CLIENT_SECRET', value: m365ClientSecret }
        { name: 'M365_AUTHORITY_HOST', value: m365AuthorityHost }
        { name: 'M365_APP_ID_URI', value: 'api://${publicHost}/${m365ClientId}' }
        { name: 'GRAPH_BASE_URL', value: 'https://graph.microsoft.com/v1.0' }
        { name: 'BOT_ID', value: botAadAppClientId }
        { name: 'SECRET_BOT_PASSWORD', value: botAadAppClientSecret }
        { name: 'TEAMS_APP_ID', value: teamsAppId }
        {
          name: 'DATABASE_URL'
          value: 'postgresql://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${postgresDatabaseName}?sslmode=require'
        }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'LOG_LEVEL', value: logLevel }
        // The deploy stage uploads an already-installed, already-built tree: no Oryx build.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
      ]
    }
  }
  dependsOn: [
    postgresDatabase
    postgresAllowAzure
  ]
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
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botTenantId
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
output AZURE_WEB_APP_PRINCIPAL_ID string = webApp.identity.principalId
output AZURE_BOT_SERVICE_NAME string = bot.name
output POSTGRES_SERVER_FQDN string = postgres.properties.fullyQualifiedDomainName
output POSTGRES_DATABASE_NAME string = postgresDatabaseName
