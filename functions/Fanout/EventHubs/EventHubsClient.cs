using System.Net;
using System.Net.Http.Headers;

namespace Primatomic.Functions.Fanout.EventHubs;

/// <summary>
/// Sends publications over the Event Hubs REST API, retrying transient failures with exponential backoff. Never
/// throws: the caller only learns whether the publication was accepted (the log stays the source of truth).
/// </summary>
public sealed partial class EventHubsClient(HttpClient http, EventHubsOptions options, EventHubsAuthorization authorization,
    FanoutMetrics metrics, ILogger<EventHubsClient> logger)
{
    public const int MaxRetries = 3;
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly MediaTypeHeaderValue BatchContentType = new("application/vnd.microsoft.servicebus.json");

    public async Task<bool> SendAsync(Publication publication, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, options.MessagesUri)
                {
                    Content = new ByteArrayContent(publication.Body),
                };
                request.Content.Headers.ContentType = BatchContentType;
                request.Headers.Authorization = await authorization.HeaderAsync(cancellationToken);
                // The documented header for a partition key; for batches the per-message BrokerProperties in the
                // body carry the same key, so either reading puts the batch on the log's partition.
                request.Headers.TryAddWithoutValidation("BrokerProperties", $"{{\"PartitionKey\":\"{publication.LogId}\"}}");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                failure = $"HTTP {(int)response.StatusCode}";
                if (!IsTransient(response.StatusCode))
                {
                    LogGaveUp(logger, publication.LogId, publication.Events, failure, attempt + 1);
                    return false;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
#pragma warning disable CA1031 // Network and credential failures are all "not published": retry, then drop.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // The type only: messages of credential errors can be long and are not needed to act.
                failure = ex.GetType().Name;
            }

            if (attempt >= MaxRetries)
            {
                LogGaveUp(logger, publication.LogId, publication.Events, failure, attempt + 1);
                return false;
            }

            metrics.AddRetried();
            await Task.Delay(FirstRetryDelay * Math.Pow(2, attempt), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Events} events of log {LogId} to Event Hubs failed ({Failure}) after {Attempts} attempts; the log and the sweeper cover them")]
    private static partial void LogGaveUp(ILogger logger, string logId, int events, string failure, int attempts);
}
