// The fan-out event hub. Local (SAS) auth is off: the app publishes and the host's trigger receives with the managed
// identity. The log in Table Storage stays the source of truth; this only speeds views up.

@description('Region of the namespace.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Event Hubs namespace name.')
param namespaceName string

@description('Name of the event hub the app publishes commits to (EVENT_HUB_NAME).')
param eventHubName string

@description('Consumer group of the ViewProcessor trigger (EVENT_HUB_CONSUMER_GROUP).')
param consumerGroupName string

@description('Partitions of the event hub.')
param partitionCount int

@description('Days events are kept.')
param retentionDays int

@description('Throughput units of the namespace.')
param throughputUnits int

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: throughputUnits
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: eventHubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: retentionDays
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hub
  name: consumerGroupName
}

output namespaceName string = namespace.name
// serviceBusEndpoint is https://<name>.servicebus.windows.net:443/; the settings want the bare host name.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]
