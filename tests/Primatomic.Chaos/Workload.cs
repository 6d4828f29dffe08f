using System.Globalization;

namespace Primatomic.Chaos;

/// <summary>
/// One phase's clients: concurrent appends with unique payloads (plain, keyed and retried with the same key, or
/// conditional on <c>expected_sequence</c>), reads, log creates under fresh names and registrations, spread over the
/// service instances (half of the clients sign in with an API key, so its revocation check runs on every request). Ambiguous answers (503, no answer) are retried where the API promises that is safe.
/// </summary>
public sealed class Workload(string phase, IReadOnlyList<ServiceApi> clients, IReadOnlyList<string> logIds, Ledger ledger, int seed)
{
    private int _counter;

    public async Task RunAsync(CancellationToken stop)
    {
        var workers = clients.Select((api, i) => Task.Run(() => WorkAsync(api, new Random(seed + i), i, stop), CancellationToken.None));
        await Task.WhenAll(workers);
    }

    private async Task WorkAsync(ServiceApi api, Random random, int worker, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var roll = random.NextDouble();
            var log = logIds[random.Next(logIds.Count)];
            var payload = $"{phase}/w{worker}/{Interlocked.Increment(ref _counter)}/{Guid.NewGuid():N}";
            var settled = roll switch
            {
                < 0.40 => await AppendOnceAsync(api, new AppendClaim(log, payload, null, null)),
                < 0.65 => await AppendKeyedAsync(api, new AppendClaim(log, payload, "k-" + Guid.NewGuid().ToString("N"), null), stop),
                < 0.80 => await AppendExpectedAsync(api, log, payload),
                < 0.88 => !(await api.ReadAsync(log, random.Next(50))).IsAmbiguous,
                < 0.97 => await CreateLogAsync(api, new CreateClaim($"{phase}-{Guid.NewGuid():N}"), stop),
                _ => await RegisterAsync(api, new RegistrationClaim($"chaos-{Guid.NewGuid():N}@chaos.test", "pw-" + Guid.NewGuid().ToString("N")), stop),
            };
            if (!settled)
            {
                // Something was unavailable: pace the retries rather than spin against a dead or frozen service.
                await Task.Delay(100 + random.Next(200), CancellationToken.None);
            }
        }
    }

    private async Task<bool> AppendOnceAsync(ServiceApi api, AppendClaim claim)
    {
        ledger.Appends.Enqueue(claim);
        var answer = await api.AppendAsync("append", claim.LogId, claim.Payload, null, claim.ExpectedSequence);
        Settle(claim, answer);
        return !answer.IsAmbiguous;
    }

    private async Task<bool> AppendKeyedAsync(ServiceApi api, AppendClaim claim, CancellationToken stop)
    {
        ledger.Appends.Enqueue(claim);
        return await RetryKeyedAsync(api, claim, stop);
    }

    /// <summary>Retries a keyed append with the same key and body until it is answered for sure or <paramref name="stop"/>.</summary>
    public static async Task<bool> RetryKeyedAsync(ServiceApi api, AppendClaim claim, CancellationToken stop)
    {
        do
        {
            var answer = await api.AppendAsync("append-keyed", claim.LogId, claim.Payload, claim.IdempotencyKey, null);
            Settle(claim, answer);
            if (!answer.IsAmbiguous)
            {
                return true;
            }

            await Task.Delay(150, CancellationToken.None);
        }
        while (!stop.IsCancellationRequested);
        return false;
    }

    private async Task<bool> AppendExpectedAsync(ServiceApi api, string logId, string payload)
    {
        var described = await api.GetLogAsync(logId);
        if (!described.IsSuccess)
        {
            return !described.IsAmbiguous;
        }

        var head = ServiceApi.Parse(described).GetProperty("head_sequence").GetInt64();
        var claim = new AppendClaim(logId, payload, null, head);
        ledger.Appends.Enqueue(claim);
        var answer = await api.AppendAsync("append-expected", logId, payload, null, head);
        Settle(claim, answer);
        return !answer.IsAmbiguous;
    }

    private static void Settle(AppendClaim claim, Answer answer)
    {
        if (answer.IsSuccess)
        {
            claim.AcknowledgedSequence = ServiceApi.Parse(answer).GetProperty("sequence").GetInt64();
        }
        else if (!answer.IsAmbiguous)
        {
            claim.Refused = true;
        }
    }

    private async Task<bool> CreateLogAsync(ServiceApi api, CreateClaim claim, CancellationToken stop)
    {
        ledger.Creates.Enqueue(claim);
        return await RetryCreateAsync(api, claim, stop);
    }

    /// <summary>Creates (again) under the same fresh name until answered for sure: only the 201 with an id is right.</summary>
    public static async Task<bool> RetryCreateAsync(ServiceApi api, CreateClaim claim, CancellationToken stop)
    {
        do
        {
            var answer = await api.CreateLogAsync(claim.Name, claim.IdempotencyKey);
            claim.Statuses.Add(answer.Status);
            if (!answer.IsAmbiguous)
            {
                claim.FinalStatus = answer.Status;
                claim.LogId = answer.Status == 201 ? ServiceApi.Parse(answer).GetProperty("log_id").GetString() : null;
                return true;
            }

            await Task.Delay(150, CancellationToken.None);
        }
        while (!stop.IsCancellationRequested);
        return false;
    }

    private async Task<bool> RegisterAsync(ServiceApi api, RegistrationClaim claim, CancellationToken stop)
    {
        ledger.Registrations.Enqueue(claim);
        var settled = await RetryRegisterAsync(api, claim, stop);
        if (claim.FinalStatus == 201)
        {
            await api.LoginAsync(claim.Email, claim.Password);
        }

        return settled;
    }

    public static async Task<bool> RetryRegisterAsync(ServiceApi api, RegistrationClaim claim, CancellationToken stop)
    {
        do
        {
            var answer = await api.RegisterAsync(claim.Email, claim.Password);
            claim.Statuses.Add(answer.Status);
            if (!answer.IsAmbiguous)
            {
                claim.FinalStatus = answer.Status;
                return true;
            }

            await Task.Delay(150, CancellationToken.None);
        }
        while (!stop.IsCancellationRequested);
        return false;
    }

    public static string Describe(IEnumerable<int?> statuses) =>
        string.Join(",", statuses.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? "none"));
}
