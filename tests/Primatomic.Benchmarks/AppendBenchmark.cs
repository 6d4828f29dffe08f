using System.Globalization;
using Azure.Data.Tables;
using Primatomic.Testing;

namespace Primatomic.Benchmarks;

/// <summary>
/// scripts/bench-append: (a) naive one-event transactions, (b) the service under concurrent writers on one log,
/// (c) Azurite's raw batch-insert ceiling — all with the same event bytes, against one fresh local Azurite. The three
/// are interleaved over several rounds and the medians compared, so a noisy neighbour skews all three alike.
/// </summary>
internal static class AppendBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var payload = new byte[options.EventBytes];
        Random.Shared.NextBytes(payload);

        Console.WriteLine(Invariant($"bench-append: {options.EventBytes}-byte events, {options.Writers} writers, {options.Rounds} rounds of {options.Seconds} s per measurement, {Environment.ProcessorCount} cores, Azurite on loopback"));
        var naive = new List<double>();
        var service64 = new List<double>();
        var ceiling = new List<double>();
        var healthy = true;
        for (var round = 1; round <= options.Rounds; round++)
        {
            // Azurite slows down as it holds more data, so every measurement starts from an empty one.
            naive.Add(await WithFreshAzuriteAsync(tables => StorageBaselines.NaiveAppendsAsync(tables, payload, duration)));
            var run = await MeasureServiceAsync(options, payload, duration);
            service64.Add(run.EventsPerSecond);
            healthy &= run.Healthy;
            var one = await WithFreshAzuriteAsync(tables => StorageBaselines.RawBatchInsertsAsync(tables, payload, duration, concurrency: 1));
            var four = await WithFreshAzuriteAsync(tables => StorageBaselines.RawBatchInsertsAsync(tables, payload, duration, concurrency: 4));
            ceiling.Add(Math.Max(one, four));
            Console.WriteLine(Invariant($"  round {round}: (a) {naive[^1],7:N0}  (b) {run.EventsPerSecond,7:N0}  (c) {ceiling[^1],7:N0} events/s   [(b): {run.Acknowledged:N0} acked, {run.Failed} failed, head {run.Head:N0}, {run.EventsPerCommit:F1} events/transaction; (c): {one:N0} with 1 inserter, {four:N0} with 4]"));
        }

        double a = Median(naive), b = Median(service64), c = Median(ceiling);
        Console.WriteLine(Invariant($"(a) naive appends, one event per transaction (1 writer, direct to Table) : {a,8:N0} events/s"));
        Console.WriteLine(Invariant($"(b) service, {options.Writers} concurrent HTTP writers on one log                : {b,8:N0} events/s"));
        Console.WriteLine(Invariant($"(c) Azurite raw ceiling, batch inserts of 100 entities                  : {c,8:N0} events/s"));
        Console.WriteLine(Invariant($"(b)/(a) = {b / a:F1}x   (target >= 5x)"));
        Console.WriteLine(Invariant($"(b)/(c) = {b / c:F2}    (target >= 0.7)"));
        if (!healthy)
        {
            Console.WriteLine("WARNING: a log's head did not equal its acknowledged count, or appends failed.");
            return 1;
        }

        return 0;
    }

    private static async Task<double> WithFreshAzuriteAsync(Func<TableServiceClient, Task<double>> measure)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        return await measure(new TableServiceClient(azurite.ConnectionString));
    }

    private static async Task<ServiceWriter.Run> MeasureServiceAsync(BenchOptions options, byte[] payload, TimeSpan duration)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["STORAGE_NAME_PREFIX"] = "bench",
            ["RATE_LIMIT_RPS"] = "1000000",
            ["TENANT_RATE_LIMIT_RPS"] = "1000000",
            ["TENANT_RATE_LIMIT_BURST"] = "1000000",
            ["AUTH_RATE_LIMIT_PER_MINUTE"] = "1000",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Writers * 2 };
        using var http = new HttpClient(handler) { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var client = new ServiceClient(http);
        await client.SignInAsNewTenantAsync();
        var writer = new ServiceWriter(client, new TableServiceClient(azurite.ConnectionString).GetTableClient("benchevents"), payload, options.Writers);
        // Tiered JIT keeps compiling for well over 10 s after start (placement and its storage clients tier up too);
        // measured at 10 s the service read 0.70 of Azurite's ceiling, at 30 s 0.96, with the same code.
        await writer.WarmUpAsync(TimeSpan.FromSeconds(30));
        return await writer.MeasureAsync("bench", duration);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
