namespace Primatomic.Client;

/// <summary>Which failures of a request the client may retry on its own.</summary>
internal enum RetrySafety
{
    /// <summary>Repeating the request cannot do anything twice (reads, deletes, keyed appends and creates): retry every transient failure.</summary>
    Idempotent,

    /// <summary>Repeating it could (a new API key, a new user): retry only a 429, which the service answers before doing anything.</summary>
    OnlyWhenRefused,
}
