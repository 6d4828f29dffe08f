namespace Primatomic.Chaos.Faults;

/// <summary>One kind of trouble: set up before the load starts, held for a while under load, healed, and torn down.</summary>
public interface IFault
{
    string Name { get; }

    /// <summary>True when the service itself goes away, so requests without any answer are expected.</summary>
    bool ServiceGoesAway => false;

    /// <summary>
    /// True when storage is unreachable or hangs: such a fault is held longer than the answer bound, so a request that
    /// arrives at its start can only meet the bound by being answered 503, not by waiting the outage out.
    /// </summary>
    bool IsOutage => false;

    Task BeforeLoadAsync(ChaosCluster cluster) => Task.CompletedTask;

    /// <summary>Injects the fault, holds it for <paramref name="duration"/> and heals it.</summary>
    Task HoldAsync(ChaosCluster cluster, TimeSpan duration);

    Task AfterAsync(ChaosCluster cluster) => Task.CompletedTask;

    static IFault Named(string name) => name switch
    {
        "kill-9" => new ServiceKilled(),
        "azurite-stopped" => new AzuriteStopped(),
        "azurite-sigstop" => new AzuriteFrozen(),
        "storage-frozen" => new StorageFrozen(),
        "lost-answers" => new LostAnswers(),
        "two-instances" => new TwoInstances(),
        _ => throw new ArgumentException($"Unknown fault {name}."),
    };
}
