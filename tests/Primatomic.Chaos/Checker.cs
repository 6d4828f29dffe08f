using System.Text;

namespace Primatomic.Chaos;

/// <summary>
/// After a fault healed, reads everything back through a healthy instance and holds the phase to its invariants:
/// nothing acknowledged lost, nothing duplicated, no gap, nothing half-made, no 5xx but an honest 503, every answer
/// within its bound.
/// </summary>
public sealed class Checker(ChaosOptions options, ServiceApi api, Ledger ledger, bool serviceWasKilled)
{
    public async Task CheckAsync(PhaseReport report, IReadOnlyList<string> logIds)
    {
        foreach (var logId in logIds)
        {
            await CheckLogAsync(report, logId);
        }

        await CheckCreatesAsync(report);
        await CheckRegistrationsAsync(report);
        CheckAnswers(report);
    }

    private async Task CheckLogAsync(PhaseReport report, string logId)
    {
        var events = await ReadAllAsync(logId);
        if (events is null)
        {
            report.Lost += ledger.Appends.Count(a => a.LogId == logId && a.AcknowledgedSequence is not null);
            report.Violation($"log {logId} could not be read back after the fault healed");
            return;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Sequence != i + 1)
            {
                report.Gaps++;
                report.Violation($"log {logId}: position {i + 1} holds sequence {events[i].Sequence}");
                break;
            }
        }

        var bySequence = events.ToDictionary(e => e.Sequence, e => e.Payload);
        var occurrences = events.GroupBy(e => e.Payload).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var claim in ledger.Appends.Where(a => a.LogId == logId))
        {
            var count = occurrences.GetValueOrDefault(claim.Payload);
            if (claim.AcknowledgedSequence is { } acknowledged)
            {
                report.Acknowledged++;
                if (!bySequence.TryGetValue(acknowledged, out var stored) || stored != claim.Payload)
                {
                    report.Lost++;
                    report.Violation($"acknowledged at {acknowledged} but not there: {claim.Payload}");
                }
                else if (claim.ExpectedSequence is { } expected && acknowledged != expected + 1)
                {
                    report.Lost++;
                    report.Violation($"expected_sequence={expected} acknowledged at {acknowledged}: {claim.Payload}");
                }
            }

            if (count > 1)
            {
                report.Duplicated++;
                report.Violation($"stored {count} times{(claim.IdempotencyKey is null ? "" : " despite its Idempotency-Key")}: {claim.Payload}");
            }
        }
    }

    private async Task<List<(long Sequence, string Payload)>?> ReadAllAsync(string logId)
    {
        var all = new List<(long, string)>();
        long after = 0;
        for (var attempt = 0; attempt < 20;)
        {
            var answer = await api.ReadAsync(logId, after);
            if (!answer.IsSuccess)
            {
                attempt++;
                await Task.Delay(500);
                continue;
            }

            var page = ServiceApi.Parse(answer);
            var events = page.GetProperty("events").EnumerateArray()
                .Select(e => (e.GetProperty("sequence").GetInt64(), Encoding.UTF8.GetString(e.GetProperty("data").GetBytesFromBase64())))
                .ToList();
            if (events.Count == 0)
            {
                return all;
            }

            all.AddRange(events);
            after = page.GetProperty("next_after").GetInt64();
        }

        return null;
    }

    private async Task CheckCreatesAsync(PhaseReport report)
    {
        foreach (var claim in ledger.Creates)
        {
            if (claim.FinalStatus != 201 || claim.LogId is null)
            {
                report.HalfMade++;
                report.Violation($"create of fresh log {claim.Name} answered {Workload.Describe(claim.Statuses)}: the caller never got its 201");
                continue;
            }

            var described = await api.GetLogAsync(claim.LogId);
            if (!described.IsSuccess || ServiceApi.Parse(described).GetProperty("name").GetString() != claim.Name)
            {
                report.HalfMade++;
                report.Violation($"log {claim.Name} answered 201 with id {claim.LogId}, but reading it answers {described}");
            }
        }
    }

    private async Task CheckRegistrationsAsync(PhaseReport report)
    {
        foreach (var claim in ledger.Registrations)
        {
            var login = await api.LoginAsync(claim.Email, claim.Password);
            if (claim.FinalStatus != 201)
            {
                // Whatever it answered, a user who can log in must have a working tenant: say which half was made.
                var made = login.IsSuccess ? $"; it can log in and its tenant {await TenantWorksAsync(login)}" : "";
                report.HalfMade++;
                report.Violation($"register of fresh {claim.Email} answered {Workload.Describe(claim.Statuses)}: the caller never got its 201{made}");
                continue;
            }

            if (!login.IsSuccess)
            {
                report.HalfMade++;
                report.Violation($"{claim.Email} registered (201) but cannot log in: {login}");
                continue;
            }

            var works = await TenantWorksAsync(login);
            if (works != "works")
            {
                report.HalfMade++;
                report.Violation($"{claim.Email} registered and logged in, but its tenant {works}");
            }
        }
    }

    /// <returns>"works" when the user behind <paramref name="login"/> can create a log in its tenant, else what it got.</returns>
    private async Task<string> TenantWorksAsync(Answer login)
    {
        var tenant = new ServiceApi(api.Http, ledger) { AccessToken = ServiceApi.Parse(login).GetProperty("access_token").GetString() };
        var created = await tenant.CreateLogAsync("check-" + Guid.NewGuid().ToString("N")[..12]);
        return created.Status == 201 ? "works" : $"cannot create a log: {created}";
    }

    private void CheckAnswers(PhaseReport report)
    {
        foreach (var answer in ledger.Answers)
        {
            report.Requests++;
            var status = $"{answer.Kind} {answer.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? answer.Error ?? "none"}";
            report.Statuses[status] = report.Statuses.GetValueOrDefault(status) + 1;
            if (answer.Latency > report.MaxLatency)
            {
                report.MaxLatency = answer.Latency;
            }

            if (answer.Status is >= 500 and not 503 || answer is { Status: 503, HasRetryAfter: false })
            {
                report.ServerErrors++;
                report.Violation($"5xx: {answer}");
            }

            if (answer.Latency > options.AnswerBound)
            {
                report.OverBound++;
                report.Violation($"over the {options.AnswerBound.TotalSeconds:0} s bound: {answer}");
            }
            else if (answer.Status is null && !serviceWasKilled)
            {
                report.Unanswered++;
                report.Violation($"no answer from a running service: {answer}");
            }
        }
    }
}
