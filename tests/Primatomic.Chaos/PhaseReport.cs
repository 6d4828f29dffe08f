namespace Primatomic.Chaos;

/// <summary>What one fault did to the service, as the checker found it. Every count except the first three is a violation.</summary>
public sealed class PhaseReport(string fault)
{
    public string Fault { get; } = fault;
    public int Requests { get; set; }
    public int Acknowledged { get; set; }
    public TimeSpan MaxLatency { get; set; }

    /// <summary>From the fault's healing until an authenticated read answered 200 again.</summary>
    public TimeSpan? Recovery { get; set; }

    public int Lost { get; set; }
    public int Duplicated { get; set; }
    public int Gaps { get; set; }
    public int HalfMade { get; set; }

    /// <summary>Any 5xx other than 503, and any 503 without Retry-After.</summary>
    public int ServerErrors { get; set; }
    public int OverBound { get; set; }

    /// <summary>Requests that got no answer while the service was supposed to be up (not counted during kill -9).</summary>
    public int Unanswered { get; set; }

    /// <summary>What the clients saw: status (or "none") → count, for the operations guide's failure modes.</summary>
    public SortedDictionary<string, int> Statuses { get; } = new(StringComparer.Ordinal);

    public List<string> Examples { get; } = [];

    /// <summary>Set when the phase itself could not run to its end (its checks are then incomplete).</summary>
    public string? Crash { get; set; }

    public int Violations => Lost + Duplicated + Gaps + HalfMade + ServerErrors + OverBound + Unanswered + (Crash is null ? 0 : 1);

    public void Violation(string example)
    {
        if (Examples.Count < 8)
        {
            Examples.Add(example);
        }
    }
}
