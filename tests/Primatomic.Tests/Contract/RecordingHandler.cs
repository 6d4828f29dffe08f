using System.Collections.Concurrent;

namespace Primatomic.Tests.Contract;

/// <summary>Keeps every answer a client got (method, path, status, media type, body), to check them against the document.</summary>
public sealed class RecordingHandler() : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false })
{
    public sealed record Exchange(string Method, string Path, int Status, string? MediaType, string Body);

    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Exchanges.Enqueue(new(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, body));
        return response;
    }
}
