using System.ComponentModel.DataAnnotations;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Logs;

/// <summary>
/// Configurable limits of the logs API, bound from the <c>Logs</c> section and validated at start-up. The fixed
/// limits that follow from the storage layout live in <see cref="LogLimits"/>.
/// </summary>
[SettingsSection(Section)]
public sealed class LogsOptions
{
    public const string Section = "Logs";

    /// <summary>Logs one tenant may have; creating another is 409 LOG_LIMIT_REACHED.</summary>
    [Range(1, 1_000_000)]
    public int MaxLogsPerTenant { get; set; } = 10_000;

    /// <summary>Long-polls (<c>events?wait=</c>) one tenant may hold open at once on one instance; more is 429.</summary>
    [Range(1, 100_000)]
    public int MaxWaitsPerTenant { get; set; } = 100;

    /// <summary>Long-polls all tenants together may hold open at once on one instance; more is 429.</summary>
    [Range(1, 1_000_000)]
    public int MaxWaitsPerInstance { get; set; } = 2_000;

    /// <summary>
    /// How long after its original an Idempotency-Key retry is still recognised (answered with the original sequences,
    /// or 422 for another body). See docs/storage.md, "Idempotency window".
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdempotencyWindow { get; set; } = KeyWindowSettings.Default.Span;

    /// <summary>Keyed appends one log's writer remembers at most: bounds its memory and a new writer's start-up reads.</summary>
    [Range(1_000, 100_000_000)]
    public int IdempotencyWindowKeys { get; set; } = KeyWindowSettings.Default.MaxKeys;

    public KeyWindowSettings KeyWindow => new(IdempotencyWindow, IdempotencyWindowKeys);
}
