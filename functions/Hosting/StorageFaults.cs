using System.Net.Sockets;
using Azure;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// The one definition of "storage is in trouble": what the Azure SDK throws when storage is unreachable, frozen,
/// timing out, throttling or failing (a status-0 <see cref="RequestFailedException"/> around a socket error, the
/// <see cref="AggregateException"/> its retry policy throws after the last try, a <see cref="TaskCanceledException"/>
/// for its network timeout, 408/429/5xx answers). Every route answers these 503 with Retry-After.
/// </summary>
public static class StorageFaults
{
    public const string Detail = "Storage is temporarily unavailable; retry shortly.";

    /// <summary>What a storage fault is answered with, for code that must answer it itself (the auth pipeline).</summary>
    public static ApiException Unavailable() => ApiException.Unavailable(Detail);

    public static bool IsStorageFault(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsStorageFault),
        HttpRequestException or IOException or SocketException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };

    /// <summary>A storage fault that is not just the caller going away (their cancellation is not storage's fault).</summary>
    public static bool IsStorageFault(Exception exception, CancellationToken requestAborted) =>
        !requestAborted.IsCancellationRequested && IsStorageFault(exception);
}
