using System.Globalization;
using Primatomic.Chaos;
using Xunit.Abstractions;

namespace Primatomic.Tests.Chaos;

/// <summary>
/// scripts/chaos in small (about 90 s): each fault for a few seconds, outages a little past the answer bound, the same
/// checker. Storage hanging is tried once, at the proxy; scripts/chaos also freezes Azurite itself with SIGSTOP.
/// CHAOS_SEED overrides the seed.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class BoundedChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_fault_loses_duplicates_and_half_makes_nothing_and_answers_honestly_in_time()
    {
        var options = new ChaosOptions
        {
            FaultDuration = TimeSpan.FromSeconds(3),
            Faults = ["kill-9", "azurite-stopped", "storage-frozen", "lost-answers", "two-instances"],
            Workers = 4,
            Seed = int.TryParse(Environment.GetEnvironmentVariable("CHAOS_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : 1,
        };
        using var progress = new StringWriter(CultureInfo.InvariantCulture);
        var reports = await ChaosRun.RunAsync(options, progress);
        var table = ReportTable.Format(reports, options);
        output.WriteLine(table);
        Assert.True(reports.All(r => r.Violations == 0), table);
    }
}
