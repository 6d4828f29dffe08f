namespace Primatomic.Chaos.Faults;

/// <summary>Storage hangs: Azurite gets SIGSTOP (connections accepted by the kernel, never answered) and later SIGCONT.</summary>
public sealed class AzuriteFrozen : IFault
{
    public string Name => "azurite-sigstop";

    public bool IsOutage => true;

    public async Task HoldAsync(ChaosCluster cluster, TimeSpan duration)
    {
        cluster.Azurite.Freeze();
        try
        {
            await Task.Delay(duration);
        }
        finally
        {
            cluster.Azurite.Thaw();
        }
    }
}
