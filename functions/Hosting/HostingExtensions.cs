using System.Text.Json;

namespace Primatomic.Functions.Hosting;

/// <summary>Cross-cutting set-up: listening, JSON, errors, storage, rate limiting and CORS.</summary>
public static class HostingExtensions
{
    /// <summary>Largest request body we read at all; per-route limits are tighter.</summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseUrls(ListenAddress.Resolve(builder.Configuration));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            ProtocolLimits.RaiseKestrelLimits(kestrel.Limits);
            kestrel.ConfigureEndpointDefaults(listen => KestrelRejections.Use(listen));
        });

        builder.Services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new UtcTimestampJsonConverter()));
        // Bad JSON must reach our exception handler as an exception, not turn into an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddProblemDetails();

        builder.Services.AddOptions<StorageOptions>()
            .Configure<IConfiguration>((options, configuration) => Copy(StorageOptions.FromConfiguration(configuration), options))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<RequestTimeoutOptions>()
            .Configure<IConfiguration>(RequestTimeoutOptions.Bind)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RequestDeadline>();
        builder.Services.AddSingleton<StorageClients>();
        builder.Services.AddHostedService<StorageInitializer>();

        builder.AddRateLimiting();
        builder.AddCrossOrigin();
        return builder;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Encoder = ReadableJson.Encoder;
        // Numbers are numbers: the web default also reads "42" as 42, which no request here needs and which would
        // publish every number in the OpenAPI document as "integer or numeric string".
        options.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
    }

    public static WebApplication UseHosting(this WebApplication app)
    {
        // Every answer is JSON or bytes, never a page: no client may sniff it into HTML (see ReadableJson).
        // Set as the answer starts: the exception handler clears headers set before it rewrites an answer.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseCrossOrigin();
        app.Use(ProtocolLimits.InvokeAsync);
        app.UseExceptionHandler();
        app.UseStatusCodePages(context => StatusCodeProblems.WriteAsync(context.HttpContext));
        // Inside the exception handler (which answers the deadline's 503), outside everything that calls storage.
        var deadline = app.Services.GetRequiredService<RequestDeadline>();
        app.Use(deadline.InvokeAsync);
        app.UseRateLimiting();
        app.UseAuthentication();
        app.UseTenantRateLimiting();
        app.UseAuthorization();
        return app;
    }

    public static IEndpointRouteBuilder MapHostingApi(this IEndpointRouteBuilder endpoints)
    {
        // The Functions host's readiness probe: any answer will do, so keep it free of storage calls.
        endpoints.MapGet("/", () => TypedResults.Ok(new { Status = "ok", Service = "primatomic" }))
            .WithName("Root")
            .ExcludeFromDescription();
        return endpoints;
    }

    private static void Copy(StorageOptions from, StorageOptions to)
    {
        to.ConnectionString = from.ConnectionString;
        to.AccountName = from.AccountName;
        to.TableServiceUri = from.TableServiceUri;
        to.BlobServiceUri = from.BlobServiceUri;
        to.Credential = from.Credential;
        to.ClientId = from.ClientId;
        to.NamePrefix = from.NamePrefix;
    }
}
