namespace Primatomic.Chaos.Faults;

/// <summary>Storage hangs at the proxy: every storage request waits, neither forwarded nor answered, until the thaw.</summary>
public sealed class StorageFrozen : IFault
{
    public string Name => "storage-frozen";

    public bool IsOutage => true;

    public async Task HoldAsync(ChaosCluster cluster, TimeSpan duration)
    {
        cluster.Proxy.Freeze();
        try
        {
            await Task.Delay(duration);
        }
        finally
        {
            cluster.Proxy.Thaw();
        }
    }
}
