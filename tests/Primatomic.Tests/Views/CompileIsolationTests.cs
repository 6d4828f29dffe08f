using System.Diagnostics;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views;

/// <summary>Timing-sensitive tests run alone, after the rest, so that their figures are the service's, not the suite's.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>Sandbox, compilation: while tenants upload compile bombs, another tenant's appends stay fast.</summary>
[Collection(nameof(RunsAlone))]
[Trait("Category", "EndToEnd")]
public sealed class CompileIsolationTests : TenantApiTests
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Views:MaxFunctionBodyBytes"] = (2 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task While_two_tenants_upload_compile_bombs_another_tenants_append_p99_stays_under_100_ms_and_this_process_stays_small()
    {
        // Each bomb is a valid view that takes seconds and hundreds of MB to compile; distinct bytes defeat the artifact cache.
        var bombs = Enumerable.Range(0, 4).Select(seed => CompileBombs.OneHugeFunction(100_000, seed)).ToArray();
        var neighbour = Client;
        var logId = await neighbour.CreateLogAsync();
        await neighbour.AppendManyAsync(logId, 10); // warm
        var memoryBefore = CurrentMemory();

        var bombers = Enumerable.Range(0, 2).Select(async b =>
        {
            using var bomber = Api.CreateClient();
            (await TestTenant.RegisterAsync(bomber)).Authorize(bomber);
            var target = await bomber.CreateLogAsync();
            for (var i = b; i < bombs.Length; i += 2)
            {
                using var response = await bomber.DeployAsync(target, $"bomb{i}", bombs[i]);
            }
        }).ToArray();

        var latencies = new List<double>();
        var peakMemory = memoryBefore;
        var all = Task.WhenAll(bombers);
        while (!all.IsCompleted)
        {
            var clock = Stopwatch.StartNew();
            await neighbour.AppendManyAsync(logId, 1);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
            peakMemory = Math.Max(peakMemory, CurrentMemory());
        }

        await all;
        latencies.Sort();
        var p99 = latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1];
        Assert.True(latencies.Count >= 20, $"only {latencies.Count} appends ran while the bombs compiled");
        Assert.True(p99 < 100, $"append p99 {p99:0.0} ms over {latencies.Count} appends while bombs compiled");
        Assert.True(peakMemory - memoryBefore < 256L << 20, $"this process grew by {(peakMemory - memoryBefore) >> 20} MiB while bombs compiled");
    }

    private static long CurrentMemory()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }
}
