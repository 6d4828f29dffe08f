using System.Collections.Concurrent;

namespace Primatomic.Chaos;

/// <summary>Everything a phase's clients did and were told, for the checker. Lock-free queues: many writers, one reader at the end.</summary>
public sealed class Ledger
{
    public ConcurrentQueue<Answer> Answers { get; } = new();
    public ConcurrentQueue<AppendClaim> Appends { get; } = new();
    public ConcurrentQueue<CreateClaim> Creates { get; } = new();
    public ConcurrentQueue<RegistrationClaim> Registrations { get; } = new();
}

/// <summary>An append's payload (unique in the run) and what the client was told about it.</summary>
public sealed class AppendClaim(string logId, string payload, string? idempotencyKey, long? expectedSequence)
{
    public string LogId { get; } = logId;
    public string Payload { get; } = payload;
    public string? IdempotencyKey { get; } = idempotencyKey;
    public long? ExpectedSequence { get; } = expectedSequence;

    /// <summary>The sequence a 2xx answered, if one did.</summary>
    public long? AcknowledgedSequence { get; set; }

    /// <summary>A keyed append not yet answered for sure: it is retried with the same key after the fault heals.</summary>
    public bool Pending => IdempotencyKey is not null && AcknowledgedSequence is null && !Refused;

    /// <summary>A definitive 4xx (e.g. 409 on expected_sequence): nothing was stored.</summary>
    public bool Refused { get; set; }
}

/// <summary>A log create under a name nobody used before: the caller must end with its 201 and id.</summary>
public sealed class CreateClaim(string name)
{
    public string Name { get; } = name;

    /// <summary>
    /// Sent with every try: when an instance dies between commit and answer, only the key tells the retry it is the
    /// same caller (without one, the documented answer to the retry is 409).
    /// </summary>
    public string IdempotencyKey { get; } = "create-" + Guid.NewGuid().ToString("N");
    public int? FinalStatus { get; set; }
    public string? LogId { get; set; }
    public List<int?> Statuses { get; } = [];
}

/// <summary>A registration with a fresh email: the caller must end with its 201, a login that works and a working tenant.</summary>
public sealed class RegistrationClaim(string email, string password)
{
    public string Email { get; } = email;
    public string Password { get; } = password;
    public int? FinalStatus { get; set; }
    public List<int?> Statuses { get; } = [];
}
