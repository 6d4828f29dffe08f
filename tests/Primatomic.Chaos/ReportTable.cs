using System.Globalization;
using System.Text;

namespace Primatomic.Chaos;

/// <summary>The table of faults survived, then what clients saw and the first violations of each fault.</summary>
public static class ReportTable
{
    public static string Format(IReadOnlyList<PhaseReport> reports, ChaosOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"chaos: seed {options.Seed}, {options.FaultDuration.TotalSeconds:0} s per fault, answer bound {options.AnswerBound.TotalSeconds:0} s");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{"fault",-16} {"requests",8} {"acked",6} {"lost",5} {"dup",4} {"gaps",5} {"half",5} {"5xx",4} {"late",5} {"noans",6} {"max_s",6} {"recover_s",9}  verdict");
        foreach (var r in reports)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{r.Fault,-16} {r.Requests,8} {r.Acknowledged,6} {r.Lost,5} {r.Duplicated,4} {r.Gaps,5} {r.HalfMade,5} {r.ServerErrors,4} {r.OverBound,5} {r.Unanswered,6} {r.MaxLatency.TotalSeconds,6:0.0} {(r.Recovery is { } t ? t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "never"),9}  {(r.Crash is not null ? "CRASHED" : r.Violations == 0 ? "ok" : "FAIL")}");
        }

        text.AppendLine("(half = half-made creates or registrations; 5xx = any 5xx but 503, or 503 without Retry-After;");
        text.AppendLine(" late = answered after the bound or not within it; noans = no answer from a running service)");
        foreach (var r in reports)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{r.Fault}: clients saw {string.Join(", ", r.Statuses.Select(s => $"{s.Key}×{s.Value}"))}");
            if (r.Crash is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  - the phase itself failed: {r.Crash}");
            }

            foreach (var example in r.Examples)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  - {example}");
            }
        }

        var total = reports.Sum(r => r.Violations);
        text.AppendLine(total == 0 ? "chaos: every fault survived" : $"chaos: {total} violations");
        return text.ToString();
    }
}
