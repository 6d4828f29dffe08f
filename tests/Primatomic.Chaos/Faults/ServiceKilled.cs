using System.Diagnostics;

namespace Primatomic.Chaos.Faults;

/// <summary>kill -9 of the service, restarted on the same port at once, again and again while the fault lasts.</summary>
public sealed class ServiceKilled : IFault
{
    public string Name => "kill-9";

    public bool ServiceGoesAway => true;

    public async Task HoldAsync(ChaosCluster cluster, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            var service = cluster.Services[0];
            await service.KillAsync();
            await service.RestartAsync();
            // Let the load reach the fresh process before the next kill.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        while (clock.Elapsed < duration);
    }
}
