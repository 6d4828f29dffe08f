using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Keeps storage trouble honest inside the auth pipeline: a storage call there is bounded in time, and a failure is
/// answered 503 <c>SERVICE_UNAVAILABLE</c> with <c>Retry-After</c>, never turned into "invalid token" (401), a hang or
/// a 500. The bound sits inside the service's request bound (<c>REQUEST_TIMEOUT_SECS</c>, 10 s by default), so
/// the auth step leaves the handler time to answer.
/// </summary>
internal static class AuthStorageFaults
{
    /// <summary>Longest a storage call in the auth pipeline (revocation check, key refresh, tenant check) may take.</summary>
    public static readonly TimeSpan PipelineBound = TimeSpan.FromSeconds(6);

    /// <summary>Runs a storage read of the auth pipeline within <see cref="PipelineBound"/>, mapping failure to 503.</summary>
    public static async Task<T> BoundedAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken requestAborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        deadline.CancelAfter(PipelineBound);
        try
        {
            return await read(deadline.Token);
        }
        catch (Exception e) when (StorageFaults.IsStorageFault(e, requestAborted))
        {
            throw StorageFaults.Unavailable();
        }
    }
}
