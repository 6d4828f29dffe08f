namespace Primatomic.Functions.Logs;

/// <summary>
/// Gives log creates in one tenant turns on this instance, first come first served. Every create moves the tenant's
/// log counter under an ETag check, so creates racing on one instance only make each other retry; under a burst, an
/// unlucky create could lose the race until its deadline. Taking turns here leaves the ETag check to settle only races
/// between instances. Tenants never wait on each other: each has its own turn, dropped when nobody waits for it.
/// </summary>
public sealed class CreateTurns
{
    private readonly Dictionary<string, Turn> _turns = new(StringComparer.Ordinal);

    /// <summary>Waits for <paramref name="tenantId"/>'s turn; disposing the answer passes it on.</summary>
    public async Task<IDisposable> TakeAsync(string tenantId, CancellationToken cancellationToken)
    {
        Turn turn;
        lock (_turns)
        {
            if (!_turns.TryGetValue(tenantId, out turn!))
            {
                turn = new Turn(this, tenantId);
                _turns.Add(tenantId, turn);
            }

            turn.Holders++;
        }

        try
        {
            await turn.Gate.WaitAsync(cancellationToken);
            return turn;
        }
        catch
        {
            Leave(turn, released: false);
            throw;
        }
    }

    private void Leave(Turn turn, bool released)
    {
        if (released)
        {
            turn.Gate.Release();
        }

        lock (_turns)
        {
            if (--turn.Holders == 0)
            {
                _turns.Remove(turn.TenantId);
                turn.Gate.Dispose();
            }
        }
    }

    private sealed class Turn(CreateTurns owner, string tenantId) : IDisposable
    {
        public string TenantId { get; } = tenantId;
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Holders { get; set; }

        public void Dispose() => owner.Leave(this, released: true);
    }
}
