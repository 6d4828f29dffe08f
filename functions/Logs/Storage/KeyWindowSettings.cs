namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// How far back a log's writer remembers idempotency keys: a retry is recognised while its original committed at
/// most <see cref="Span"/> ago and is among the log's last <see cref="MaxKeys"/> keyed appends (docs/storage.md,
/// "Idempotency window"). The key cap bounds a writer's memory and the rows a new writer reads to rebuild its window.
/// </summary>
public sealed record KeyWindowSettings(TimeSpan Span, int MaxKeys)
{
    public static readonly KeyWindowSettings Default = new(TimeSpan.FromMinutes(15), 1_000_000);
}
