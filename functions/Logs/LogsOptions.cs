using System.ComponentModel.DataAnnotations;
using Primatomic.Functions.Hosting;

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
}
