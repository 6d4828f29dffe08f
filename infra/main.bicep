// Primatomic on Azure Functions Flex Consumption: the function app (custom handler), its storage, the Event Hubs
// fan-out, monitoring, and the role assignments of its one user-assigned identity. No keys, no connection strings:
// every service is reached with that identity (see docs/operations.md).
targetScope = 'resourceGroup'

@description('Region of every resource; Flex Consumption must be available there (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Prefix of the service\'s tables and blob containers (the app reads it as STORAGE_NAME_PREFIX).')
@minLength(2)
@maxLength(30)
param storageNamePrefix string = 'primatomic'

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app may scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Keep one HTTP instance always ready, so the first request after idle does not pay a cold start (billed while idle).')
param alwaysReadyHttp bool = false

@description('Partitions of the fan-out event hub; one log\'s events always land on one partition. Fixed after creation on Standard.')
@minValue(1)
@maxValue(32)
param eventHubPartitionCount int = 4

@description('Days the event hub keeps events (Standard allows 1 to 7). The log in Table Storage stays the source of truth.')
@minValue(1)
@maxValue(7)
param eventHubRetentionDays int = 1

@description('Event Hubs throughput units; each takes in 1 MB/s or 1,000 events/s.')
@minValue(1)
@maxValue(40)
param eventHubThroughputUnits int = 1

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Email of the platform admin seeded on first start; empty seeds no admin.')
param adminEmail string = ''

@description('Password of the seeded platform admin, 10 to 256 characters; empty seeds no admin. Stored as an app setting.')
@secure()
param adminPassword string = ''

@description('Whether anyone may create a tenant with POST /auth/register (ALLOW_SIGNUP). Off in Azure unless the operator turns it on; the service itself defaults to on for local runs.')
param allowSignup bool = false

@description('iss of the tokens the service mints and accepts (JWT_ISSUER).')
@minLength(1)
param jwtIssuer string = 'primatomic'

@description('aud of the tokens the service mints and accepts (JWT_AUDIENCE).')
@minLength(1)
param jwtAudience string = 'primatomic-api'

@description('Access-token lifetime in seconds (ACCESS_TOKEN_LIFETIME_SECS).')
@minValue(60)
@maxValue(86400)
param accessTokenLifetimeSeconds int = 3600

@description('Browser origins allowed to call the API from their pages, comma-separated, like https://app.example.com, or * (CORS_ALLOWED_ORIGINS). Empty: none.')
param corsAllowedOrigins string = ''

@description('Sustained requests per second per client IP (RATE_LIMIT_RPS).')
@minValue(1)
param rateLimitRps int = 100

@description('Burst window in seconds: a client\'s bucket holds RPS x window requests (RATE_LIMIT_WINDOW_SECS).')
@minValue(1)
@maxValue(3600)
param rateLimitWindowSeconds int = 60

@description('Requests per minute per client IP for register, login and token exchange (AUTH_RATE_LIMIT_PER_MINUTE).')
@minValue(1)
param authRateLimitPerMinute int = 10

// Same inputs, same names: redeploying to the same group updates resources in place.
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, location))
var names = {
  identity: 'id-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
  storage: 'st${resourceToken}'
  eventHubNamespace: 'evhns-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  appInsights: 'appi-${resourceToken}'
}
var eventHubName = 'events'
var consumerGroupName = 'views'
var deploymentContainerName = 'app-package'
var tags = { application: 'primatomic' }

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    retentionDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    accountName: names.storage
    namePrefix: storageNamePrefix
    deploymentContainerName: deploymentContainerName
  }
}

module eventHubs 'modules/eventhubs.bicep' = {
  name: 'eventhubs'
  params: {
    location: location
    tags: tags
    namespaceName: names.eventHubNamespace
    eventHubName: eventHubName
    consumerGroupName: consumerGroupName
    partitionCount: eventHubPartitionCount
    retentionDays: eventHubRetentionDays
    throughputUnits: eventHubThroughputUnits
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  // The scopes are passed by name, so the resources must exist before their role assignments.
  dependsOn: [storage, eventHubs, monitoring]
  params: {
    // Known only once the identity exists; role assignment names are guid(scope, principal, role) by convention.
    #disable-next-line what-if-short-circuiting
    principalId: identity.properties.principalId
    storageAccountName: names.storage
    eventHubNamespaceName: names.eventHubNamespace
    appInsightsName: names.appInsights
  }
}

module app 'modules/app.bicep' = {
  name: 'app'
  // The host reads storage and Event Hubs with the identity from its first start, so the roles come first; and the
  // names below are plain strings, so the resources they name must exist before the app module looks them up.
  dependsOn: [rbac, storage, monitoring]
  params: {
    location: location
    tags: tags
    planName: names.plan
    appName: names.functionApp
    identityName: identity.name
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    appInsightsName: names.appInsights
    eventHubNamespace: eventHubs.outputs.fullyQualifiedNamespace
    eventHubName: eventHubName
    consumerGroupName: consumerGroupName
    storageNamePrefix: storageNamePrefix
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttp: alwaysReadyHttp
    adminEmail: adminEmail
    adminPassword: adminPassword
    allowSignup: allowSignup
    jwtIssuer: jwtIssuer
    jwtAudience: jwtAudience
    accessTokenLifetimeSeconds: accessTokenLifetimeSeconds
    rateLimitRps: rateLimitRps
    corsAllowedOrigins: corsAllowedOrigins
    rateLimitWindowSeconds: rateLimitWindowSeconds
    authRateLimitPerMinute: authRateLimitPerMinute
  }
}

output FUNCTION_APP_NAME string = app.outputs.name
output FUNCTION_APP_URL string = app.outputs.url
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output EVENT_HUB_NAMESPACE string = eventHubs.outputs.fullyQualifiedNamespace
output EVENT_HUB_NAME string = eventHubName
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.appInsightsName
output MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
