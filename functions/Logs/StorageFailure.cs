using Azure;

namespace Primatomic.Functions.Logs;

/// <summary>Which exceptions mean "storage did not answer (in time)", after which the outcome of a write is unknown.</summary>
internal static class StorageFailure
{
    public static bool IsTransient(Exception exception, CancellationToken requestAborted) => exception switch
    {
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        HttpRequestException or TimeoutException or IOException => true,
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        // The SDK's retry policy gives up with every attempt's failure inside.
        AggregateException aggregate => aggregate.InnerExceptions.All(inner => IsTransient(inner, requestAborted)),
        _ => false,
    };
}
