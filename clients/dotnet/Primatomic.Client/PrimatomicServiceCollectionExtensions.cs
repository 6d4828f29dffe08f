using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Primatomic.Client;

/// <summary>Registers <see cref="PrimatomicClient"/> with IHttpClientFactory.</summary>
public static class PrimatomicServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the client takes from IHttpClientFactory.</summary>
    public const string HttpClientName = "Primatomic";

    /// <summary>
    /// Adds a singleton <see cref="PrimatomicClient"/> configured by <paramref name="configure"/>, which takes an
    /// HttpClient from IHttpClientFactory for each request (pooled handlers, DNS refresh). Returns the HttpClient's
    /// builder, to add handlers (logging, a proxy, ...).
    /// </summary>
    public static IHttpClientBuilder AddPrimatomicClient(this IServiceCollection services, Action<PrimatomicClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PrimatomicClientOptions>().Configure(configure);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PrimatomicClientOptions>>().Value;
            if (options.BaseAddress is null)
            {
                throw new InvalidOperationException("AddPrimatomicClient: set options.BaseAddress.");
            }

            var factory = provider.GetRequiredService<IHttpClientFactory>();
            return new PrimatomicClient(() => factory.CreateClient(HttpClientName), options);
        });
        return services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
    }
}
