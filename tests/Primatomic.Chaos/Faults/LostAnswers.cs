using Primatomic.Testing;

namespace Primatomic.Chaos.Faults;

/// <summary>30% of storage writes land but their answer is lost (the connection reset): the ambiguous outcome.</summary>
public sealed class LostAnswers : IFault
{
    public const double Probability = 0.3;

    public string Name => "lost-answers";

    public async Task HoldAsync(ChaosCluster cluster, TimeSpan duration)
    {
        cluster.Proxy.Applies = StorageFaultProxy.IsWrite;
        cluster.Proxy.LoseAnswerProbability = Probability;
        try
        {
            await Task.Delay(duration);
        }
        finally
        {
            cluster.Proxy.LoseAnswerProbability = 0;
        }
    }
}
