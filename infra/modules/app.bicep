// The Flex Consumption (FC1) plan and the function app: a custom handler (runtime 'custom'), deployed from a blob
// container, reaching storage, Event Hubs and Application Insights with its user-assigned identity. The app settings
// are exactly the Azure settings of functions/Hosting/AppSettingsCatalog.cs (a test holds the two together).

@description('Region of the plan and the app.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (also its host name).')
param appName string

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('Storage account of the service data, the host state and the deployment container.')
param storageAccountName string

@description('Blob container the app package is deployed to.')
param deploymentContainerName string

@description('Application Insights component for telemetry.')
param appInsightsName string

@description('Event Hubs namespace host name, like name.servicebus.windows.net.')
param eventHubNamespace string

@description('Event hub of the fan-out.')
param eventHubName string

@description('Consumer group of the ViewProcessor trigger.')
param consumerGroupName string

@description('STORAGE_NAME_PREFIX.')
param storageNamePrefix string

@description('Memory of each instance, in MB.')
param instanceMemoryMB int

@description('Most instances the app may scale out to.')
param maximumInstanceCount int

@description('Keep one HTTP instance always ready.')
param alwaysReadyHttp bool

@description('ADMIN_EMAIL; empty seeds no admin.')
param adminEmail string

@description('ADMIN_PASSWORD; empty seeds no admin.')
@secure()
param adminPassword string

@description('ALLOW_SIGNUP.')
param allowSignup bool

@description('JWT_ISSUER.')
param jwtIssuer string

@description('JWT_AUDIENCE.')
param jwtAudience string

@description('ACCESS_TOKEN_LIFETIME_SECS.')
param accessTokenLifetimeSeconds int

@description('CORS_ALLOWED_ORIGINS.')
param corsAllowedOrigins string

@description('RATE_LIMIT_RPS.')
param rateLimitRps int

@description('RATE_LIMIT_WINDOW_SECS.')
param rateLimitWindowSeconds int

@description('AUTH_RATE_LIMIT_PER_MINUTE.')
param authRateLimitPerMinute int

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyHttp ? [{ name: 'http', instanceCount: 1 }] : []
      }
      // The handler is a self-contained linux-x64 executable, so it needs no language stack from the image.
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // The handler answers CORS itself (CORS_ALLOWED_ORIGINS). The platform's list stays empty so it adds no second
      // set of headers and lets preflights through to the handler.
      cors: {
        allowedOrigins: []
        supportCredentials: false
      }
      appSettings: [
        // Storage, for the host and the handler alike, through the identity.
        { name: 'AzureWebJobsStorage__accountName', value: storageAccount.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'STORAGE_NAME_PREFIX', value: storageNamePrefix }
        // Event Hubs: the handler publishes, the host's ViewProcessor trigger receives.
        { name: 'EventHubConnection__fullyQualifiedNamespace', value: eventHubNamespace }
        { name: 'EventHubConnection__credential', value: 'managedidentity' }
        { name: 'EventHubConnection__clientId', value: identity.properties.clientId }
        { name: 'EVENT_HUB_NAME', value: eventHubName }
        { name: 'EVENT_HUB_CONSUMER_GROUP', value: consumerGroupName }
        // Telemetry: the connection string only names the ingestion endpoint; with local auth disabled, ingestion
        // needs the identity's Entra token, which the authentication string tells the host and the handler (its
        // OpenTelemetry exporter, functions/Hosting/Telemetry) to use.
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
        // Auth.
        { name: 'ADMIN_EMAIL', value: adminEmail }
        { name: 'ADMIN_PASSWORD', value: adminPassword }
        { name: 'ALLOW_SIGNUP', value: allowSignup ? 'true' : 'false' }
        { name: 'JWT_ISSUER', value: jwtIssuer }
        { name: 'JWT_AUDIENCE', value: jwtAudience }
        { name: 'ACCESS_TOKEN_LIFETIME_SECS', value: string(accessTokenLifetimeSeconds) }
        // 0: half the instance's processors hash passwords; sign-ins beyond a short queue answer 503.
        { name: 'AUTH_MAX_CONCURRENT_HASHES', value: '0' }
        // Browser origins allowed to call the API (the handler answers CORS; siteConfig.cors stays empty).
        { name: 'CORS_ALLOWED_ORIGINS', value: corsAllowedOrigins }
        // Rate limiting; the Functions front end puts the caller's address in client-ip.
        { name: 'RATE_LIMIT_RPS', value: string(rateLimitRps) }
        { name: 'RATE_LIMIT_WINDOW_SECS', value: string(rateLimitWindowSeconds) }
        { name: 'AUTH_RATE_LIMIT_PER_MINUTE', value: string(authRateLimitPerMinute) }
        { name: 'CLIENT_IP_HEADER', value: 'client-ip' }
        { name: 'TENANT_RATE_LIMIT_RPS', value: '100' }
        { name: 'TENANT_RATE_LIMIT_BURST', value: '50' }
        { name: 'REQUEST_TIMEOUT_SECS', value: '10' }
        // View limits: the code's defaults (functions/Views/ViewLimits.cs), written out so operators see and can tune them.
        { name: 'Views__MaxComponentBytes', value: '16777216' }
        { name: 'Views__MaxMemoryBytes', value: '268435456' }
        { name: 'Views__MaxMemories', value: '4' }
        { name: 'Views__MaxTables', value: '16' }
        { name: 'Views__MaxTableElements', value: '100000' }
        { name: 'Views__FuelPerEvent', value: '100000000' }
        { name: 'Views__FuelPerQuery', value: '1000000000' }
        { name: 'Views__FuelPerCall', value: '2000000000' }
        { name: 'Views__MaxQueryOutputBytes', value: '16777216' }
        { name: 'Views__MaxSnapshotBytes', value: '67108864' }
        { name: 'Views__QueryWaitTimeout', value: '00:00:10' }
        { name: 'Views__FollowPoll', value: '00:00:01' }
        { name: 'Views__FollowPollMax', value: '00:01:00' }
        { name: 'Views__CheckpointEvents', value: '10000' }
        { name: 'Views__CheckpointInterval', value: '00:00:30' }
        { name: 'Views__SupervisePoll', value: '00:00:05' }
        { name: 'Views__Shards', value: '64' }
        { name: 'Views__ShardLease', value: '00:00:15' }
        { name: 'Views__PlacementInterval', value: '00:00:05' }
        { name: 'Views__HibernateAfter', value: '00:02:00' }
        { name: 'Views__ReleaseMemoryAfterHibernation', value: 'true' }
        { name: 'Views__OnDemandIdle', value: '00:02:00' }
        { name: 'Views__MaxOnDemandReplicas', value: '500' }
        { name: 'Views__MaxFunctionBodyBytes', value: '1048576' }
        { name: 'Views__CompileMemoryBytes', value: '1073741824' }
        { name: 'Views__CompileTimeout', value: '00:01:00' }
        { name: 'Views__MaxConcurrentCompiles', value: '2' }
        { name: 'Views__MaxConcurrentCompilesPerTenant', value: '1' }
        { name: 'Views__CompileQueueTimeout', value: '00:00:30' }
        { name: 'Views__MaxViewsPerLog', value: '20' }
        { name: 'Views__MaxViewsPerTenant', value: '100' }
        // Log limits: the code's defaults (functions/Logs/LogsOptions.cs).
        { name: 'Logs__MaxLogsPerTenant', value: '10000' }
        { name: 'Logs__MaxWaitsPerTenant', value: '100' }
        { name: 'Logs__MaxWaitsPerInstance', value: '2000' }
        { name: 'Logs__IdempotencyWindow', value: '00:15:00' }
        { name: 'Logs__IdempotencyWindowKeys', value: '1000000' }
      ]
    }
  }
}

output name string = functionApp.name
output url string = 'https://${functionApp.properties.defaultHostName}'
