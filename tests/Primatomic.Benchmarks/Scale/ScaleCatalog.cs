using System.Security.Cryptography;
using System.Text;

namespace Primatomic.Benchmarks.Scale;

internal sealed record ScaleLog(string Token, string LogId)
{
    private long _head;

    public List<string> Views { get; } = [];

    /// <summary>The highest sequence this benchmark has seen acknowledged on the log.</summary>
    public long Head => Interlocked.Read(ref _head);

    public void Acknowledged(long sequence)
    {
        for (var seen = Head; sequence > seen; seen = Head)
        {
            if (Interlocked.CompareExchange(ref _head, sequence, seen) == seen)
            {
                return;
            }
        }
    }

    /// <summary>Catalogue partition (first 4 bytes of SHA-256 of the id, big-endian, mod 256), then shard = partition mod shards.</summary>
    public int Shard(int shards)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(LogId));
        var partition = ((uint)hash[0] << 24 | (uint)hash[1] << 16 | (uint)hash[2] << 8 | hash[3]) % 256;
        return (int)(partition % (uint)shards);
    }
}

internal sealed record ScaleView(ScaleLog Log, string Name, int DeployedOn);

/// <summary>The tenants, logs and views the benchmark made, and how it made them (spread over the instances).</summary>
internal sealed class ScaleCatalog(ScaleCluster cluster, byte[] component)
{
    private const int SetupConcurrency = 8;

    public List<string> Tokens { get; } = [];
    public List<ScaleLog> Logs { get; } = [];
    public List<ScaleView> Views { get; } = [];

    /// <summary>(instance, log, view) pairs queried in this run: such a replica may be loaded, so it is not cold.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<(int Instance, string LogId, string View), bool> Touched { get; } = new();

    public async Task CreateTenantsAndLogsAsync(int tenants, int logs)
    {
        var first = cluster.Instances[0];
        for (var t = 0; t < tenants; t++)
        {
            Tokens.Add(await ScaleApi.RegisterAsync(first));
        }

        var made = new ScaleLog[logs];
        await Parallel.ForEachAsync(Enumerable.Range(0, logs), new ParallelOptions { MaxDegreeOfParallelism = SetupConcurrency }, async (i, _) =>
        {
            var token = Tokens[i % tenants];
            var instance = cluster.Instances[i % cluster.Instances.Count];
            made[i] = new ScaleLog(token, await ScaleApi.CreateLogAsync(instance, token, $"scale-{i:D5}"));
        });
        Logs.AddRange(made);
    }

    /// <summary>Deploys views number <paramref name="from"/> to <paramref name="to"/> - 1; view k goes to log k mod logs, on instance k mod instances.</summary>
    public async Task DeployAsync(int from, int to)
    {
        var live = cluster.Live.ToList();
        var made = new ScaleView[to - from];
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = SetupConcurrency }, async (k, _) =>
        {
            var log = Logs[k % Logs.Count];
            var instance = live[k % live.Count];
            var name = $"counter-{k:D6}";
            await ScaleApi.DeployAsync(instance, log.Token, log.LogId, name, component);
            made[k - from] = new ScaleView(log, name, instance.Index);
        });
        foreach (var view in made)
        {
            view.Log.Views.Add(view.Name);
            Views.Add(view);
        }
    }

    /// <summary>A fresh log of the first tenant, with no views (the keyed hot log).</summary>
    public async Task<ScaleLog> CreateLogAsync(string name)
    {
        var log = new ScaleLog(Tokens[0], await ScaleApi.CreateLogAsync(cluster.Instances[0], Tokens[0], name));
        return log;
    }
}
