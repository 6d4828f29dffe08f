using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Primatomic.Client;

/// <summary>
/// Sends one logical call: adds the token and headers, bounds each attempt, retries what is safe to retry (with the
/// same Idempotency-Key every time) and turns an error answer into a typed exception.
/// </summary>
internal sealed class PrimatomicTransport(Func<HttpClient> http, PrimatomicClientOptions options)
{
    private TokenSource? _tokens;

    public PrimatomicClientOptions Options => options;

    /// <summary>Set once by the client, after the transport exists (the token source signs in through it).</summary>
    public void UseTokens(TokenSource tokens) => _tokens = tokens;

    /// <summary>Sends the call and returns its successful response (body buffered), or throws a <see cref="PrimatomicException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var maxAttempts = Math.Max(1, options.MaxAttempts);
        var renewedToken = false;
        var earlierOutcomeUnknown = false;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            Exception? failure = null;
            PrimatomicException? signInFailure = null;
            string? token = null;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(options.AttemptTimeout + request.ExtraTime);
                try
                {
                    token = request.Authenticated && _tokens is not null ? await _tokens.GetAsync(cancellationToken).ConfigureAwait(false) : null;
                    using var message = Build(request, token);
                    response = await http().SendAsync(message, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
                }
                catch (PrimatomicException e) when (e.IsTransient && token is null)
                {
                    // Signing in failed transiently (its own attempts spent, say while the service restarts): the call
                    // was never sent, so this counts as one failed attempt of the call, retried by the call's own rule.
                    signInFailure = e;
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new TimeoutException($"No answer within {options.AttemptTimeout + request.ExtraTime}.", e);
                }
                catch (HttpRequestException e)
                {
                    failure = e;
                }
                catch (IOException e)
                {
                    failure = e;
                }
            }

            if (signInFailure is not null)
            {
                if (!IsRetryable(request.Safety, signInFailure.Status) || attempt >= maxAttempts)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(signInFailure);
                }

                await Task.Delay(RetryDelays.Next(options, attempt, signInFailure.RetryAfter), options.TimeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response is { IsSuccessStatusCode: true } || response?.StatusCode == System.Net.HttpStatusCode.NotModified)
            {
                return response;
            }

            // A retried delete that finds nothing: the attempt whose answer was lost did the deleting.
            if (response?.StatusCode == System.Net.HttpStatusCode.NotFound && request.Method == HttpMethod.Delete && earlierOutcomeUnknown)
            {
                response.Dispose();
                return new HttpResponseMessage(System.Net.HttpStatusCode.NoContent);
            }

            using (response)
            {
                // A token the service no longer takes (revoked, keys rotated): sign in again once, not counted as an attempt.
                if (response?.StatusCode == System.Net.HttpStatusCode.Unauthorized && token is not null && _tokens!.CanRenew && !renewedToken)
                {
                    renewedToken = true;
                    _tokens.Discard(token);
                    attempt--;
                    continue;
                }

                var status = response is null ? 0 : (int)response.StatusCode;
                if (!IsRetryable(request.Safety, status) || attempt >= maxAttempts)
                {
                    throw response is null
                        ? new PrimatomicConnectionException(
                            $"No response from {request.Method} {request.Path} after {attempt} attempt(s): {failure!.Message}", failure)
                        {
                            IdempotencyKey = request.IdempotencyKey,
                        }
                        : await ProblemExceptions.FromAsync(response, request.IdempotencyKey, options.TimeProvider, cancellationToken).ConfigureAwait(false);
                }

                earlierOutcomeUnknown |= status is 0 or >= 500;
                var retryAfter = ProblemExceptions.RetryAfterOf(response?.Headers.RetryAfter, options.TimeProvider);
                await Task.Delay(RetryDelays.Next(options, attempt, retryAfter), options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Status 0 is no answer (connection failed or dropped, attempt timed out).</summary>
    private static bool IsRetryable(RetrySafety safety, int status) => safety == RetrySafety.Idempotent
        ? status is 0 or 429 or 502 or 503 or 504
        : status == 429;

    /// <summary>Sends the call and reads its JSON answer.</summary>
    public async Task<T> ReadJsonAsync<T>(ApiRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(PrimatomicJson.Options, cancellationToken).ConfigureAwait(false)
            ?? throw new PrimatomicException($"{request.Method} {request.Path} answered {(int)response.StatusCode} without a body.");
    }

    /// <summary>Sends the call, ignoring its answer's body.</summary>
    public async Task SendOnlyAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A JSON body, serialized afresh for each attempt.</summary>
    public static Func<HttpContent> Json<T>(T value) => () => JsonContent.Create(value, options: PrimatomicJson.Options);

    /// <summary>A raw body, <c>application/octet-stream</c>.</summary>
    public static Func<HttpContent> Bytes(ReadOnlyMemory<byte> data) => () =>
    {
        var content = new ReadOnlyMemoryContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    };

    private HttpRequestMessage Build(ApiRequest request, string? token)
    {
        var message = new HttpRequestMessage(request.Method, Uri(request.Path)) { Content = request.Content?.Invoke() };
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (request.Authenticated && options.TenantId is { Length: > 0 } tenant)
        {
            message.Headers.Add("X-Tenant-ID", tenant);
        }

        if (request.IdempotencyKey is not null)
        {
            message.Headers.Add("Idempotency-Key", request.IdempotencyKey);
        }

        return message;
    }

    /// <summary>Paths are relative ("logs/..."), so a base address with a path prefix keeps it.</summary>
    private Uri Uri(string path) => options.BaseAddress is { } root
        ? new Uri(root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/"), path)
        : new Uri(path, UriKind.Relative);
}
