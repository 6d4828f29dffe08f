using System.Diagnostics.Metrics;
using Azure;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Process-wide counters of the request pipeline, on the meter <c>Primatomic.Hosting</c>: requests refused by a rate
/// limit, and storage failures. Tags take a handful of fixed values: never a tenant, log or address.
/// </summary>
public static class HostingMetrics
{
    public const string MeterName = "Primatomic.Hosting";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> RateLimitedCounter = Meter.CreateCounter<long>("primatomic.http.rate_limited", "{request}",
        "Requests answered 429 RATE_LIMITED, by the limit that refused them (ip, credentials or tenant).");

    private static readonly Counter<long> StorageErrorsCounter = Meter.CreateCounter<long>("primatomic.storage.errors", "{error}",
        "Storage calls that failed with a fault (unreachable, timeout, throttled, 5xx), by where they happened and the error.");

    /// <summary>The per-IP bucket of every route.</summary>
    public const string IpLimit = "ip";

    /// <summary>The strict per-IP bucket of the credential routes.</summary>
    public const string CredentialsLimit = "credentials";

    /// <summary>The per-tenant bucket.</summary>
    public const string TenantLimit = "tenant";

    public static void RateLimited(string limit) =>
        RateLimitedCounter.Add(1, new KeyValuePair<string, object?>("primatomic.rate_limit", limit));

    /// <summary>Counts one storage fault; <paramref name="origin"/> says where (request, commit, ...).</summary>
    public static void StorageError(string origin, Exception exception) =>
        StorageErrorsCounter.Add(1,
            new KeyValuePair<string, object?>("primatomic.storage.origin", origin),
            new KeyValuePair<string, object?>("error.type", ErrorType(exception)));

    /// <summary>A bounded name for the failure: the HTTP status storage answered, or the kind of exception.</summary>
    public static string ErrorType(Exception exception) => exception switch
    {
        RequestFailedException { Status: > 0 } failed => failed.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AggregateException { InnerExceptions.Count: > 0 } aggregate => ErrorType(aggregate.InnerExceptions[^1]),
        RequestFailedException or HttpRequestException or IOException or System.Net.Sockets.SocketException => "network",
        TimeoutException or OperationCanceledException => "timeout",
        _ => "other",
    };
}
