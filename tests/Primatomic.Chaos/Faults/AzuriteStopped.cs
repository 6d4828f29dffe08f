namespace Primatomic.Chaos.Faults;

/// <summary>Storage goes away: Azurite stops (connections refused) and comes back on the same ports and data.</summary>
public sealed class AzuriteStopped : IFault
{
    public string Name => "azurite-stopped";

    public bool IsOutage => true;

    public async Task HoldAsync(ChaosCluster cluster, TimeSpan duration)
    {
        await cluster.Azurite.StopAsync();
        await Task.Delay(duration);
        await cluster.Azurite.StartAgainAsync();
    }
}
