using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Views.Compiling;

/// <summary>
/// Bounds compiles on this instance (a queue with a wait limit, then 503) and per tenant (more at once is 429), so
/// that one tenant's uploads can neither exhaust the instance's memory nor keep other tenants from deploying.
/// </summary>
internal sealed class CompileGate(int perInstance, int perTenant) : IDisposable
{
    private readonly SemaphoreSlim _instance = new(perInstance, perInstance);
    private readonly Dictionary<string, int> _running = []; // compiles running or queued per tenant; guarded by itself

    /// <param name="tenantId">The tenant whose upload this is, or null for the service's own recompiles (which only queue).</param>
    public async Task<IDisposable> EnterAsync(string? tenantId, TimeSpan wait, CancellationToken cancellationToken)
    {
        tenantId ??= "";
        lock (_running)
        {
            var running = _running.GetValueOrDefault(tenantId);
            if (running >= perTenant && tenantId.Length > 0)
            {
                throw new ApiException(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                    $"This tenant already has {running} view compile(s) running, the most at once (Views__MaxConcurrentCompilesPerTenant); retry when they finish.");
            }

            _running[tenantId] = running + 1;
        }

        try
        {
            if (!await _instance.WaitAsync(wait, cancellationToken))
            {
                throw ApiException.Unavailable($"Every view compiler of this instance stayed busy for {wait.TotalSeconds:0} s; retry shortly.");
            }
        }
        catch
        {
            Leave(tenantId);
            throw;
        }

        return new Slot(this, tenantId);
    }

    private void Leave(string tenantId)
    {
        lock (_running)
        {
            if (--_running[tenantId] == 0)
            {
                _running.Remove(tenantId);
            }
        }
    }

    public void Dispose() => _instance.Dispose();

    private sealed class Slot(CompileGate gate, string tenantId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate._instance.Release();
                gate.Leave(tenantId);
            }
        }
    }
}
