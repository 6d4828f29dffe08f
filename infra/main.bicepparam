using 'main.bicep'

// Defaults for scripts/deploy. The admin comes from the environment so no password sits in the repository:
//   PRIMATOMIC_ADMIN_EMAIL=you@example.com PRIMATOMIC_ADMIN_PASSWORD='...' scripts/deploy my-rg westeurope
// Leave both unset to seed no admin (then register a tenant with POST /auth/register).
param adminEmail = readEnvironmentVariable('PRIMATOMIC_ADMIN_EMAIL', '')
param adminPassword = readEnvironmentVariable('PRIMATOMIC_ADMIN_PASSWORD', '')

param storageNamePrefix = 'primatomic'
param instanceMemoryMB = 2048
param maximumInstanceCount = 100
param alwaysReadyHttp = false
param eventHubPartitionCount = 4
param eventHubRetentionDays = 1
param eventHubThroughputUnits = 1
// Open sign-up lets anyone on the internet create a tenant, so a deployment has it off unless the operator asks:
//   PRIMATOMIC_ALLOW_SIGNUP=true scripts/deploy my-rg westeurope
param allowSignup = bool(readEnvironmentVariable('PRIMATOMIC_ALLOW_SIGNUP', 'false'))
