namespace Primatomic.Functions.Hosting;

/// <summary>Who reads a setting: our handler code, the Azure Functions host, or both.</summary>
public enum SettingReader
{
    Handler,
    Host,
    Both,
}

/// <summary>Where a setting is given a value.</summary>
public enum SettingPlacement
{
    /// <summary>An app setting of the deployed function app, set by infra/main.bicep.</summary>
    Azure,

    /// <summary>Never deployed: local development, tests, or an alternative to an identity-based Azure setting.</summary>
    LocalOnly,

    /// <summary>Set by the Functions host for the handler process; nobody configures it.</summary>
    SetByHost,
}

/// <summary>One configuration setting, named as it appears in the environment (<c>__</c> separates sections).</summary>
public sealed record AppSetting(string Name, SettingReader ReadBy, SettingPlacement Placement, string Description);

/// <summary>
/// Every setting the system uses, in one place. infra/main.bicep sets exactly the <see cref="SettingPlacement.Azure"/>
/// ones, docs/operations.md lists them all, and tests/Primatomic.Tests/Infra holds code, Bicep and this list together.
/// </summary>
public static class AppSettingsCatalog
{
    private const SettingReader Handler = SettingReader.Handler;
    private const SettingReader Host = SettingReader.Host;
    private const SettingReader Both = SettingReader.Both;
    private const SettingPlacement Azure = SettingPlacement.Azure;
    private const SettingPlacement LocalOnly = SettingPlacement.LocalOnly;

    public static IReadOnlyList<AppSetting> All { get; } =
    [
        // Storage: the host's own names, so one setting configures the host and the handler.
        new("AzureWebJobsStorage", Both, LocalOnly, "Storage connection string (UseDevelopmentStorage=true or Azurite's); Azure uses the identity-based names instead."),
        new("AzureWebJobsStorage__accountName", Both, Azure, "Storage account reached with a managed identity (endpoints derived from the name)."),
        new("AzureWebJobsStorage__credential", Both, Azure, "managedidentity: authenticate to storage with the app's managed identity."),
        new("AzureWebJobsStorage__clientId", Both, Azure, "Client id of the user-assigned identity used for storage."),
        new("AzureWebJobsStorage__tableServiceUri", Handler, LocalOnly, "Table endpoint for identity-based access when it cannot be derived from an account name."),
        new("AzureWebJobsStorage__blobServiceUri", Both, LocalOnly, "Blob endpoint for identity-based access when it cannot be derived from an account name."),
        new("STORAGE_NAME_PREFIX", Handler, Azure, "Prefix of every table and blob container (default primatomic); tests use a unique one per class."),

        // Event Hubs fan-out: the handler publishes, the host's ViewProcessor trigger receives.
        new("EventHubConnection__fullyQualifiedNamespace", Both, Azure, "Event Hubs namespace host (ns.servicebus.windows.net); setting it selects the Event Hubs fan-out."),
        new("EventHubConnection__credential", Both, Azure, "managedidentity: authenticate to Event Hubs with the app's managed identity."),
        new("EventHubConnection__clientId", Both, Azure, "Client id of the user-assigned identity used for Event Hubs."),
        new("EventHubConnection", Both, LocalOnly, "Event Hubs SAS connection string; an alternative to the identity-based names, never deployed by Bicep."),
        new("EVENT_HUB_NAME", Both, Azure, "Event hub the handler publishes commits to and ViewProcessor's trigger reads (%EVENT_HUB_NAME%)."),
        new("EVENT_HUB_ENDPOINT", Handler, LocalOnly, "Tests only: sends the Event Hubs REST calls to this loopback http:// listener instead of the namespace."),
        new("EVENT_HUB_CONSUMER_GROUP", Host, Azure, "Consumer group of ViewProcessor's trigger (%EVENT_HUB_CONSUMER_GROUP%); Bicep creates views."),

        // Telemetry, sent by the host and by the handler (OpenTelemetry; functions/Hosting/Telemetry).
        new("APPLICATIONINSIGHTS_CONNECTION_STRING", Both, Azure, "Application Insights ingestion endpoint; holds no secret, since local auth is disabled. Setting it makes the handler export traces, metrics and logs there too."),
        new("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", Both, Azure, "ClientId=<identity client id>;Authorization=AAD: send telemetry with Entra auth, as that user-assigned identity."),
        new("OTEL_EXPORTER_OTLP_ENDPOINT", Handler, LocalOnly, "OTLP collector (e.g. http://localhost:4317): setting it makes the handler export traces, metrics and logs there; the other standard OTEL_* settings apply."),

        // Hosting.
        new("FUNCTIONS_WORKER_RUNTIME", Host, LocalOnly, "custom, in local.settings.json for func start; Flex takes the runtime from functionAppConfig instead."),
        new("AzureWebJobs.ViewProcessor.Disabled", Host, LocalOnly, "true in local.settings.json for func start without an Event Hub: the host does not listen for ViewProcessor."),
        new("DOTNET_HOST_PATH", Handler, LocalOnly, "Set by the dotnet CLI (tests): the dotnet host that starts the view compiler process when this one is not the app's own executable."),
        new("FUNCTIONS_CUSTOMHANDLER_PORT", Handler, SettingPlacement.SetByHost, "Port the host forwards to; wins over PORT and means we run under the host."),
        new("PORT", Handler, LocalOnly, "Standalone listening port on 127.0.0.1 (default 7071)."),
        new("ASPNETCORE_ENVIRONMENT", Handler, LocalOnly, "Development (scripts/dev) switches to single-line console logs; Production is the default."),
        new("Logging__LogLevel__Default", Handler, LocalOnly, "Log level override for local runs and tests; appsettings.json sets Information."),

        // Auth.
        new("ADMIN_EMAIL", Handler, Azure, "Platform admin seeded on first start; empty seeds none."),
        new("ADMIN_PASSWORD", Handler, Azure, "Seeded admin's password (10-256 characters); only used when the admin does not exist yet."),
        new("ALLOW_SIGNUP", Handler, Azure, "Whether POST /auth/register may create tenants (default true; infra/main.bicep defaults to false)."),
        new("JWT_ISSUER", Handler, Azure, "iss of minted tokens and the only issuer accepted (default primatomic)."),
        new("JWT_AUDIENCE", Handler, Azure, "aud of minted tokens and the only audience accepted (default primatomic-api)."),
        new("ACCESS_TOKEN_LIFETIME_SECS", Handler, Azure, "Access-token lifetime in seconds, 60-86400 (default 3600)."),
        new("AUTH_MAX_CONCURRENT_HASHES", Handler, Azure, "Password hashes computed at once, 0-64; 0 (default) is half the processors, at least 1. Beyond a short queue sign-ins answer 503."),

        // Browsers on other origins.
        new("CORS_ALLOWED_ORIGINS", Handler, Azure, "Comma-separated origins allowed to call the API from their pages, or * (default none)."),

        // Rate limiting.
        new("RATE_LIMIT_RPS", Handler, Azure, "Sustained requests per second per client IP (default 100)."),
        new("RATE_LIMIT_WINDOW_SECS", Handler, Azure, "Burst window: a client's bucket holds RPS x window requests (default 60)."),
        new("AUTH_RATE_LIMIT_PER_MINUTE", Handler, Azure, "Per-IP requests per minute for register, login, token exchange and user creation (default 10)."),
        new("CLIENT_IP_HEADER", Handler, Azure, "Trusted header with the caller's IP (client-ip under the Functions host)."),
        new("TENANT_RATE_LIMIT_RPS", Handler, Azure, "Sustained requests per second per tenant, over all its callers and addresses (default 100)."),
        new("TENANT_RATE_LIMIT_BURST", Handler, Azure, "Burst a tenant may send above its sustained rate (default 50)."),
        new("REQUEST_TIMEOUT_SECS", Handler, Azure, "Every request is answered within this many seconds, 1-200 (default 10); long-polls get their wait on top."),

        // View limits (functions/Views/ViewLimits.cs, section Views).
        new("Views__MaxComponentBytes", Handler, Azure, "Largest accepted view component, in bytes (default 16 MiB)."),
        new("Views__MaxMemoryBytes", Handler, Azure, "Linear memory one view instance may hold, all its memories together, in bytes (default 256 MiB)."),
        new("Views__MaxMemories", Handler, Azure, "Linear memories a view may define; the memory budget is split between them (default 4)."),
        new("Views__MaxTables", Handler, Azure, "Tables a view may define (default 16)."),
        new("Views__MaxTableElements", Handler, Azure, "Elements per view table (default 100000)."),
        new("Views__FuelPerEvent", Handler, Azure, "Work one event may take in append, in fuel units of about one instruction (default 100000000)."),
        new("Views__FuelPerQuery", Handler, Azure, "Work one query may take, in fuel units (default 1000000000)."),
        new("Views__FuelPerCall", Handler, Azure, "Work instantiation plus init, one snapshot or one restore may take, in fuel units (default 2000000000)."),
        new("Views__MaxQueryOutputBytes", Handler, Azure, "Largest query answer, in bytes (default 16 MiB)."),
        new("Views__MaxSnapshotBytes", Handler, Azure, "Largest view snapshot, in bytes (default 64 MiB)."),
        new("Views__QueryWaitTimeout", Handler, Azure, "How long query?after=N waits for the replica before answering 503 (default 00:00:10)."),
        new("Views__FollowPoll", Handler, Azure, "First wait before a led log's follower reads its head again when no commit woke it; doubles while idle (default 00:00:01)."),
        new("Views__FollowPollMax", Handler, Azure, "Longest wait between two head reads of an idle led log (default 00:01:00)."),
        new("Views__CheckpointEvents", Handler, Azure, "Write a checkpoint after this many new events (default 10000)..."),
        new("Views__CheckpointInterval", Handler, Azure, "...or after this long with any new events (default 00:00:30)."),
        new("Views__SupervisePoll", Handler, Azure, "How often an instance reads the catalogue version rows of the partitions it leads, to find deployed, redeployed and deleted views (default 00:00:05)."),
        new("Views__Shards", Handler, Azure, "Placement shards that instances lead, a power of two up to 256; fixed for a deployment (default 64)."),
        new("Views__ShardLease", Handler, Azure, "Lease on a shard, 15-60 s: a dead instance's views move within this plus the placement interval (default 00:00:15)."),
        new("Views__PlacementInterval", Handler, Azure, "How often an instance heartbeats, renews its shard leases and claims or gives up shards (default 00:00:05)."),
        new("Views__HibernateAfter", Handler, Azure, "A led view with no event or query for this long is checkpointed and its instance let go until next used (default 00:02:00)."),
        new("Views__ReleaseMemoryAfterHibernation", Handler, Azure, "After a sweep that hibernated views, one compacting collection and a native heap trim give their memory back (default true)."),
        new("Views__OnDemandIdle", Handler, Azure, "A view loaded on an instance only to answer queries is dropped after this long unqueried (default 00:02:00)."),
        new("Views__MaxOnDemandReplicas", Handler, Azure, "Views loaded on an instance only for queries, at most; beyond, the least recently queried is dropped (default 500)."),
        new("Views__MaxFunctionBodyBytes", Handler, Azure, "Largest function body in a view's core modules, in bytes (default 1 MiB)."),
        new("Views__CompileMemoryBytes", Handler, Azure, "Memory the compiler process may use for one component, in bytes (default 1 GiB)."),
        new("Views__CompileTimeout", Handler, Azure, "Wall-clock limit of one compile; its CPU-time limit is this times the cores, at least twice (default 00:01:00)."),
        new("Views__MaxConcurrentCompiles", Handler, Azure, "Compiles running at once on one instance (default 2)."),
        new("Views__MaxConcurrentCompilesPerTenant", Handler, Azure, "Compiles one tenant may run at once on one instance; more is 429 (default 1)."),
        new("Views__CompileQueueTimeout", Handler, Azure, "How long a deploy waits for a free compiler before 503 (default 00:00:30)."),
        new("Views__MaxViewsPerLog", Handler, Azure, "Views one log may have; another deploy is 409 VIEW_LIMIT_REACHED (default 20)."),
        new("Views__MaxViewsPerTenant", Handler, Azure, "Views one tenant may have over all its logs (default 100)."),

        // Log limits (functions/Logs/LogsOptions.cs, section Logs).
        new("Logs__MaxLogsPerTenant", Handler, Azure, "Logs one tenant may have; another create is 409 LOG_LIMIT_REACHED (default 10000)."),
        new("Logs__MaxWaitsPerTenant", Handler, Azure, "Long-polls (events?wait=) one tenant may hold open on one instance; more is 429 (default 100)."),
        new("Logs__MaxWaitsPerInstance", Handler, Azure, "Long-polls all tenants may hold open on one instance; more is 429 (default 2000)."),
        new("Logs__IdempotencyWindow", Handler, Azure, "How long after its original an Idempotency-Key retry is recognised (default 00:15:00)."),
        new("Logs__IdempotencyWindowKeys", Handler, Azure, "...and among at least this many of the log's last keyed appends (default 1000000)."),
    ];

    /// <summary>The settings infra/main.bicep must set, no more and no fewer.</summary>
    public static IEnumerable<AppSetting> AzureSettings => All.Where(setting => setting.Placement == SettingPlacement.Azure);

    public static AppSetting? Find(string name) =>
        All.FirstOrDefault(setting => string.Equals(setting.Name, name, StringComparison.OrdinalIgnoreCase));
}
