using Primatomic.Chaos.Faults;

namespace Primatomic.Chaos;

/// <summary>Every chosen fault in turn against one private cluster; a phase that crashes is reported, not hidden.</summary>
public static class ChaosRun
{
    public static async Task<IReadOnlyList<PhaseReport>> RunAsync(ChaosOptions options, TextWriter progress)
    {
        var reports = new List<PhaseReport>();
        await using var cluster = await ChaosCluster.StartAsync(options.Seed);
        for (var i = 0; i < options.Faults.Count; i++)
        {
            var fault = IFault.Named(options.Faults[i]);
            await progress.WriteLineAsync($"chaos: {fault.Name} for {options.DurationOf(fault).TotalSeconds:0} s under load");
            PhaseReport report;
            try
            {
                report = await new ChaosPhase(cluster, fault, options, options.Seed * 100 + i * 10).RunAsync();
            }
#pragma warning disable CA1031 // A crashed phase is a finding to report; the other faults still run.
            catch (Exception e)
#pragma warning restore CA1031
            {
                report = new PhaseReport(fault.Name) { Crash = $"{e.GetType().Name}: {e.Message}" };
            }
            finally
            {
                await cluster.HealAllAsync();
            }

            reports.Add(report);
        }

        return reports;
    }
}
