// The storage account: the service's tables and containers, the Functions host's own state, and the Flex deployment
// container. Shared keys are off, so only Entra identities with data roles can read or write anything.

@description('Region of the account.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param accountName string

@description('Prefix of the service\'s tables and containers (STORAGE_NAME_PREFIX).')
param namePrefix string

@description('Blob container Flex Consumption deploys the app package from.')
param deploymentContainerName string

// Must match the table names in the code (AccountStore, ApiKeyStore, LogCatalog, LogsFeature, ViewCatalog) and the
// container names (StorageClients.Container). The service also creates them at start; creating them here means the
// first start does no schema work.
var tableNames = ['tenants', 'users', 'apikeys', 'logs', 'events', 'views']
var containerNames = ['${namePrefix}-system', '${namePrefix}-views', deploymentContainerName]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in containerNames: {
    parent: blobService
    name: name
    properties: { publicAccess: 'None' }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for name in tableNames: {
    parent: tableService
    name: '${namePrefix}${name}'
  }
]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
