using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// What every /auth answer shares. Answers carry secrets or tokens (login, token exchange, register, new keys), so
/// none may be stored by a cache: <c>Cache-Control: no-store</c> and <c>Pragma: no-cache</c> on every one, set as the
/// answer starts so no path can forget them. The handler's storage work is bounded by <see cref="HandlerBound"/>,
/// and a storage failure answers 503 <c>SERVICE_UNAVAILABLE</c> with <c>Retry-After</c>, whatever form the SDK gave it.
/// </summary>
internal static class AuthResponses
{
    /// <summary>Inside the service's 10 s request bound, leaving room for the auth pipeline's own checks.</summary>
    public static readonly TimeSpan HandlerBound = TimeSpan.FromSeconds(8);

    public static TBuilder WithAuthResponses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers.Pragma = "no-cache";
                return Task.CompletedTask;
            });

            // Handlers' CancellationToken was bound from RequestAborted before filters run; hand them the bounded one.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            deadline.CancelAfter(HandlerBound);
            for (var i = 0; i < invocation.Arguments.Count; i++)
            {
                if (invocation.Arguments[i] is CancellationToken)
                {
                    invocation.Arguments[i] = deadline.Token;
                }
            }

            try
            {
                return await next(invocation);
            }
            catch (Exception e) when (e is not ApiException && !http.RequestAborted.IsCancellationRequested && AuthStorageFaults.IsTransient(e))
            {
                throw AuthStorageFaults.Unavailable();
            }
        });
}
