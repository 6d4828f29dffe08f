using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Primatomic.Testing;
using Xunit.Abstractions;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>
/// Acceptance 2: two real service processes over one Azurite, 64 concurrent clients appending to the same log
/// through both for 10 s. The checker then proves every acknowledged append is stored exactly once at its
/// acknowledged sequence, sequences run 1..N with no gap, and no failed append is visible.
/// </summary>
public sealed class TwoProcessAppendTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Clients = 64;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    private readonly List<ServiceProcess> _services = [];

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = LogsHttp.ServiceSettings(azurite, SharedAzurite.UniquePrefix());
        _services.AddRange(await Task.WhenAll(ServiceProcess.StartAsync(settings), ServiceProcess.StartAsync(settings)));
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_appends_through_two_processes_are_each_stored_once_without_gaps()
    {
        var clients = _services.Select(s => s.CreateClient()).ToArray();
        var tenant = await TestTenant.RegisterAsync(clients[0]);
        foreach (var client in clients)
        {
            tenant.Authorize(client);
        }

        var logId = await clients[0].CreateLogAsync();
        var acked = new ConcurrentDictionary<string, long>();
        var failed = new ConcurrentBag<string>();
        // No answer at all (connection lost, client timeout): the append may or may not have committed.
        var unknown = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(worker => Task.Run(async () =>
        {
            var client = clients[worker % clients.Length];
            for (var n = 0; clock.Elapsed < Duration; n++)
            {
                var payload = $"w{worker}-n{n}";
                // Some appends carry an Idempotency-Key, so markers are part of the contended transactions too.
                var key = n % 8 == 0 ? payload : null;
                try
                {
                    using var response = await client.AppendAsync(logId, Encoding.UTF8.GetBytes(payload), key);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acked[payload] = (await response.ReadJsonAsync()).GetProperty("sequence").GetInt64();
                    }
                    else
                    {
                        failed.Add(payload);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    unknown.Add(payload);
                }
            }
        })));

        var stored = await clients[1].ReadAllAsync(logId);
        var n = stored.Count;
        output.WriteLine($"{acked.Count} acknowledged, {failed.Count} failed, {unknown.Count} unanswered, {n} stored, {n / Duration.TotalSeconds:F0} appends/s");
        Assert.Equal(Enumerable.Range(1, n).Select(i => (long)i), stored.Select(e => e.Sequence));
        var payloads = stored.Select(e => Encoding.UTF8.GetString(e.Data)).ToList();
        Assert.Equal(n, payloads.Distinct().Count());
        foreach (var (payload, sequence) in acked)
        {
            Assert.Equal(payload, payloads[(int)sequence - 1]);
        }

        Assert.DoesNotContain(failed, payloads.Contains);
        // Nothing is stored that was not appended, and nothing acknowledged is missing.
        var unanswered = unknown.ToHashSet();
        Assert.All(payloads, p => Assert.True(acked.ContainsKey(p) || unanswered.Contains(p), $"{p} was never appended"));
        Assert.Equal(acked.Count + payloads.Count(unanswered.Contains), n);
        Assert.True(n > 100, $"only {n} appends were acknowledged in {Duration}");
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
