namespace Primatomic.Testing;

/// <summary>
/// One Azurite per test process, started on first use and stopped when the process exits. Tests isolate themselves
/// with unique storage name prefixes, so sharing it is safe and keeps the suite fast.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<AzuriteProcess>> Instance = new(async () =>
    {
        var azurite = await AzuriteProcess.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return azurite;
    });

    public static Task<AzuriteProcess> GetAsync() => Instance.Value;

    /// <summary>A storage name prefix no other test uses: tables and containers are then private to the caller.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
