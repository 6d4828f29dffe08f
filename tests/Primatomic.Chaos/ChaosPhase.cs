using System.Diagnostics;
using Primatomic.Chaos.Faults;

namespace Primatomic.Chaos;

/// <summary>
/// One fault under load: a fresh tenant and logs while healthy, a second of load, the fault held and healed, a second
/// more, then the unsettled keyed appends, creates and registrations retried, and everything checked.
/// </summary>
public sealed class ChaosPhase(ChaosCluster cluster, IFault fault, ChaosOptions options, int seed)
{
    private const int Logs = 3;
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(45);

    public async Task<PhaseReport> RunAsync()
    {
        var report = new PhaseReport(fault.Name);
        var ledger = new Ledger();
        var quiet = new Ledger();
        using var primary = ServiceApi.CreateHttpClient(cluster.Services[0].BaseAddress, options.ClientTimeout);
        var setup = new ServiceApi(primary, quiet);
        var (email, password) = ($"chaos-owner-{Guid.NewGuid():N}@chaos.test", "pw-" + Guid.NewGuid().ToString("N"));
        setup.AccessToken = await SetUpTenantAsync(setup, email, password);
        var logIds = new List<string>();
        for (var i = 0; i < Logs; i++)
        {
            var created = await UntilAsync(() => setup.CreateLogAsync($"{fault.Name}-{i}-{Guid.NewGuid():N}"), a => a.Status == 201);
            logIds.Add(ServiceApi.Parse(created).GetProperty("log_id").GetString()!);
        }

        var key = await UntilAsync(() => setup.CreateApiKeyAsync("chaos"), a => a.Status == 201);
        var keyToken = await UntilAsync(() => setup.ExchangeApiKeyAsync(ServiceApi.Parse(key).GetProperty("api_key").GetString()!), a => a.Status == 200);
        var keyAccessToken = ServiceApi.Parse(keyToken).GetProperty("access_token").GetString();
        var apiKey = ServiceApi.Parse(key).GetProperty("api_key").GetString()!;

        await fault.BeforeLoadAsync(cluster);
        var https = Enumerable.Range(0, options.Workers)
            .Select(i => ServiceApi.CreateHttpClient(cluster.Services[i % cluster.Services.Count].BaseAddress, options.ClientTimeout))
            .ToList();
        try
        {
            var clients = https.Select((http, i) => new ServiceApi(http, ledger) { AccessToken = i % 2 == 0 ? setup.AccessToken : keyAccessToken }).ToList();
            using var stop = new CancellationTokenSource();
            var prober = new Prober(new ServiceApi(https[0], ledger) { AccessToken = keyAccessToken }, logIds[0], email, password, apiKey);
            var load = Task.WhenAll(
                new Workload(fault.Name, clients, logIds, ledger, seed).RunAsync(stop.Token),
                prober.RunAsync(stop.Token));
            Task<TimeSpan?> recovery;
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                await fault.HoldAsync(cluster, options.DurationOf(fault));
                recovery = MeasureRecoveryAsync(setup, logIds[0]);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            finally
            {
                // Even when injecting or healing failed, the clients stop before the phase ends.
                await stop.CancelAsync();
                await load;
            }

            report.Recovery = await recovery;

            var settler = new ServiceApi(primary, ledger) { AccessToken = setup.AccessToken };
            await SettleAsync(settler, ledger);
            await new Checker(options, settler, ledger, fault.ServiceGoesAway).CheckAsync(report, logIds);
        }
        finally
        {
            https.ForEach(h => h.Dispose());
            await fault.AfterAsync(cluster);
        }

        return report;
    }

    private static async Task<string> SetUpTenantAsync(ServiceApi api, string email, string password)
    {
        await UntilAsync(() => api.RegisterAsync(email, password), a => a.Status == 201);
        var login = await UntilAsync(() => api.LoginAsync(email, password), a => a.Status == 200);
        return ServiceApi.Parse(login).GetProperty("access_token").GetString()!;
    }

    /// <summary>Set-up runs while healthy; it still retries a few times so one slow start does not void the phase.</summary>
    private static async Task<Answer> UntilAsync(Func<Task<Answer>> call, Func<Answer, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var answer = await call();
            if (done(answer))
            {
                return answer;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Set-up failed while healthy: {answer}");
            }

            await Task.Delay(250);
        }
    }

    private static async Task<TimeSpan?> MeasureRecoveryAsync(ServiceApi api, string logId)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < SettleDeadline)
        {
            if ((await api.GetLogAsync(logId)).IsSuccess)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100);
        }

        return null;
    }

    /// <summary>The fault has healed: whatever the clients could not settle is retried the same way, within a deadline.</summary>
    private static async Task SettleAsync(ServiceApi api, Ledger ledger)
    {
        using var deadline = new CancellationTokenSource(SettleDeadline);
        foreach (var claim in ledger.Appends.Where(a => a.Pending).ToList())
        {
            await Workload.RetryKeyedAsync(api, claim, deadline.Token);
        }

        foreach (var claim in ledger.Creates.Where(c => c.FinalStatus is null).ToList())
        {
            await Workload.RetryCreateAsync(api, claim, deadline.Token);
        }

        foreach (var claim in ledger.Registrations.Where(r => r.FinalStatus is null).ToList())
        {
            await Workload.RetryRegisterAsync(api, claim, deadline.Token);
        }
    }
}
