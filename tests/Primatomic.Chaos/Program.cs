namespace Primatomic.Chaos;

/// <summary>scripts/chaos: fault injection against real processes on loopback; exits 1 on any violation, 2 on bad options.</summary>
internal static class ChaosProgram
{
    public static async Task<int> Main(string[] args)
    {
        ChaosOptions options;
        try
        {
            options = ChaosOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"chaos: {e.Message}");
            return 2;
        }

        var reports = await ChaosRun.RunAsync(options, Console.Out);
        Console.Write(ReportTable.Format(reports, options));
        return reports.Sum(r => r.Violations) == 0 ? 0 : 1;
    }
}
