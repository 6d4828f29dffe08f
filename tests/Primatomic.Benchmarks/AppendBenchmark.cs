using System.Globalization;
using Azure.Data.Tables;
using Primatomic.Testing;

namespace Primatomic.Benchmarks;

/// <summary>
/// scripts/bench-append: (a) naive one-event transactions, (b) the service under concurrent writers on one log,
/// (c) Azurite's raw batch-insert ceiling — all with the same event bytes, against one fresh local Azurite.
/// </summary>
internal static class AppendBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var duration = TimeSpan.FromSeconds(options.Seconds);
        var payload = new byte[options.EventBytes];
        Random.Shared.NextBytes(payload);

        await using var azurite = await AzuriteProcess.StartAsync();
        var tables = new TableServiceClient(azurite.ConnectionString);
        Console.WriteLine(Invariant($"bench-append: {options.EventBytes}-byte events, {options.Seconds} s per measurement, {Environment.ProcessorCount} cores, Azurite on loopback"));

        var naive = await StorageBaselines.NaiveAppendsAsync(tables, payload, duration);
        Console.WriteLine(Invariant($"(a) naive appends, one event per transaction (1 writer, direct) : {naive,10:N0} events/s"));

        var (service, acked, head, failed) = await MeasureServiceAsync(azurite, payload, options.Writers, duration);
        Console.WriteLine(Invariant($"(b) service, {options.Writers} concurrent HTTP writers on one log        : {service,10:N0} events/s ({acked:N0} acknowledged, {failed:N0} failed, head_sequence {head:N0})"));

        var (ceiling, concurrency) = await StorageBaselines.RawBatchCeilingAsync(tables, payload, duration);
        Console.WriteLine(Invariant($"(c) Azurite raw ceiling, 100-entity batch inserts ({concurrency} inserters) : {ceiling,10:N0} events/s"));

        Console.WriteLine(Invariant($"(b)/(a) = {service / naive:F1}x   (target >= 5x)"));
        Console.WriteLine(Invariant($"(b)/(c) = {service / ceiling:F2}    (target >= 0.7)"));
        if (head != acked || failed != 0)
        {
            Console.WriteLine("WARNING: the log's head does not equal the acknowledged count, or appends failed.");
            return 1;
        }

        return 0;
    }

    private static async Task<(double Rate, long Acked, long Head, long Failed)> MeasureServiceAsync(
        AzuriteProcess azurite, byte[] payload, int writers, TimeSpan duration)
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["STORAGE_NAME_PREFIX"] = "bench",
            ["RATE_LIMIT_RPS"] = "1000000",
            ["AUTH_RATE_LIMIT_PER_MINUTE"] = "1000",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = writers * 2 };
        using var http = new HttpClient(handler) { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var client = new ServiceClient(http);
        await client.SignInAsNewTenantAsync();
        var logId = await client.CreateLogAsync("bench");

        long acked = 0, failed = 0;
        var rate = await Throughput.MeasureAsync(writers, duration, async (_, _) =>
        {
            if (await client.AppendAsync(logId, payload))
            {
                Interlocked.Increment(ref acked);
                return 1;
            }

            Interlocked.Increment(ref failed);
            return 0;
        });
        return (rate, acked, await client.HeadSequenceAsync(logId), failed);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
