namespace Primatomic.Chaos.Faults;

/// <summary>Two service instances on one storage account, the clients spread across both (as a scale-out does).</summary>
public sealed class TwoInstances : IFault
{
    public string Name => "two-instances";

    public Task BeforeLoadAsync(ChaosCluster cluster) => cluster.StartAnotherServiceAsync();

    public Task HoldAsync(ChaosCluster cluster, TimeSpan duration) => Task.Delay(duration);

    public Task AfterAsync(ChaosCluster cluster) => cluster.StopExtraServicesAsync();
}
