namespace Primatomic.Chaos;

/// <summary>
/// Once a second, whatever the workload is stuck on, one request to each read and sign-in route (describe, list, read
/// events, login, API-key exchange), without waiting for the previous ones: what every route answers during a fault.
/// </summary>
public sealed class Prober(ServiceApi api, string logId, string email, string password, string apiKey)
{
    public async Task RunAsync(CancellationToken stop)
    {
        var inFlight = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (!stop.IsCancellationRequested && await timer.WaitForNextTickAsync(CancellationToken.None))
        {
            inFlight.Add(api.GetLogAsync(logId));
            inFlight.Add(api.ListLogsAsync());
            inFlight.Add(api.ReadAsync(logId, 0));
            inFlight.Add(api.LoginAsync(email, password));
            inFlight.Add(api.ExchangeApiKeyAsync(apiKey));
        }

        await Task.WhenAll(inFlight);
    }
}
