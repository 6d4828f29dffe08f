using System.Globalization;
using System.Threading.Channels;

namespace Primatomic.Soak;

/// <summary>scripts/soak: mixed load against the service as a process; exits 1 when its memory keeps growing, 2 on bad options.</summary>
internal static class SoakProgram
{
    public static async Task<int> Main(string[] args)
    {
        SoakOptions options;
        try
        {
            options = SoakOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"soak: {e.Message}");
            return 2;
        }

        await using var target = await SoakTarget.StartAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak: {options.Duration.TotalMinutes:0} min against pid {target.Service.ProcessId}; latencies of 200 answers; long-polls wait up to 5 s for a 1/s tick"));
        var channel = Channel.CreateBounded<Sample>(new BoundedChannelOptions(100_000) { SingleReader = true });
        var reporter = new SoakReporter(channel.Reader, () => target.Service.ProcessId is { } pid ? ProcessMemory.RssMiB(pid) : null, Console.Out);
        var reporting = reporter.RunAsync();
        using (var stop = new CancellationTokenSource(options.Duration))
        {
            await new SoakLoad(target, channel.Writer).RunAsync(stop.Token);
        }

        channel.Writer.Complete();
        await reporting;

        var (growing, explanation) = MemoryVerdict.Judge(reporter.Memory, options.MaxGrowthMiBPerMinute);
        Console.WriteLine("soak: totals " + string.Join(", ", reporter.Totals.Select(t => $"{t.Key} {t.Value}")) +
                          "; errors " + (reporter.TotalErrors.Count == 0 ? "0" : string.Join(", ", reporter.TotalErrors.Select(e => $"{e.Key}×{e.Value}"))));
        Console.WriteLine($"soak: memory {(growing ? "KEEPS GROWING" : "flat")}: {explanation}");
        if (reporter.Totals["append"] == 0)
        {
            Console.WriteLine("soak: no append succeeded");
            return 1;
        }

        return growing ? 1 : 0;
    }
}
