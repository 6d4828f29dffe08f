using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Primatomic.Tests.Faults;

/// <summary>
/// One plausible request for every mapped route and method, taken from the running service's endpoints (so a route
/// added later is walked too): real path values, a valid token and a body the route accepts up to its storage call.
/// </summary>
public static class RouteWalk
{
    /// <summary>Routes that never touch storage; every other route must answer 503 while storage is out.</summary>
    public static readonly IReadOnlySet<string> StorageFree = new HashSet<string>(StringComparer.Ordinal)
    {
        "Root", "AuthJwks", "ViewsWit", "OpsPlacement", "OpenApiDocument", "Console", "ConsoleAsset",
        "Docs", "DocsScalarJs", "DocsScalarAspnetcoreJs", "DocsFaviconSvg",
    };

    private static readonly string[] ReadScope = ["logs:read"];

    public sealed record RouteCall(string Name, string Method, string Path, bool HostInvocation, Func<HttpRequestMessage> Request);

    public static IReadOnlyList<RouteCall> Steps(IServiceProvider services, OutageFixture fixture)
    {
        var steps = new List<RouteCall>();
        foreach (var endpoint in services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>())
        {
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.DisplayName ?? "?";
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => Value(parameter.Name, fixture),
                _ => string.Empty,
            }))));
            // The Functions host's trigger invocations, not client routes: only the host may call them.
            var hostInvocation = endpoint.Metadata.Any(item => item.GetType().Name == "FunctionTrigger");
            foreach (var method in methods)
            {
                steps.Add(new RouteCall(name, method, path, hostInvocation, () => Build(name, method, path, fixture)));
            }
        }

        return steps;
    }

    private static string Value(string parameter, OutageFixture fixture) => parameter switch
    {
        "log_id" => fixture.LogId,
        "key_id" => fixture.KeyId,
        "name" => "walk-" + Guid.NewGuid().ToString("N")[..8],
        _ => "walk" + Guid.NewGuid().ToString("N")[..8],
    };

    private static HttpRequestMessage Build(string name, string method, string path, OutageFixture fixture)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        // Rotating signing keys is the platform admin's; everything else the tenant owner may do.
        var token = name == "AuthRotateSigningKeys" ? fixture.AdminToken : fixture.Owner.AccessToken;
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var unique = Guid.NewGuid().ToString("N");
        request.Content = name switch
        {
            "AuthRegister" => JsonContent.Create(new { email = $"walk-{unique}@tenant.test", password = "walk-password-123" }),
            "AuthLogin" => JsonContent.Create(new { email = fixture.Owner.Email, password = fixture.Owner.Password }),
            "AuthToken" => JsonContent.Create(new { api_key = fixture.ApiKey }),
            "AuthCreateApiKey" => JsonContent.Create(new { name = "walk", scopes = ReadScope }),
            "AuthCreateUser" => JsonContent.Create(new { email = $"walk-{unique}@tenant.test", password = "walk-password-123", role = "member" }),
            "AppendBatch" => JsonContent.Create(new { events = new[] { Convert.ToBase64String("walk"u8.ToArray()) } }),
            "AppendEvent" or "QueryView" or "DeployView" => new ByteArrayContent("walk"u8.ToArray())
            {
                Headers = { ContentType = new("application/octet-stream") },
            },
            _ when HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) => JsonContent.Create(new { }),
            _ => null,
        };
        return request;
    }

    /// <summary>Every route answers 503 SERVICE_UNAVAILABLE with Retry-After as problem+json within the bound (storage-free and host-only routes: never 5xx).</summary>
    public static async Task AssertEveryRouteUnavailableAsync(OutageFixture fixture)
    {
        var steps = Steps(fixture.Service.Services, fixture);
        Assert.Contains(steps, s => s.Name == "AppendEvent");
        using var client = fixture.Service.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        var answers = await Task.WhenAll(steps.Select(async step =>
        {
            using var request = step.Request();
            var clock = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return (step, response.StatusCode, response.Headers.RetryAfter, response.Content.Headers.ContentType?.MediaType, body, clock.Elapsed);
        }));

        var failures = new List<string>();
        foreach (var (step, status, retryAfter, mediaType, body, elapsed) in answers)
        {
            var what = $"{step.Method} {step.Path} ({step.Name}) answered {(int)status} after {elapsed.TotalSeconds:0.0} s: {body}";
            if (elapsed > OutageFixture.RequestTimeout + OutageFixture.Slack)
            {
                failures.Add("too slow: " + what);
            }

            if (StorageFree.Contains(step.Name) || step.HostInvocation)
            {
                if ((int)status >= 500)
                {
                    failures.Add("storage-free route failed: " + what);
                }

                continue;
            }

            if (status != HttpStatusCode.ServiceUnavailable || retryAfter is null || mediaType != "application/problem+json"
                || Code(body) != "SERVICE_UNAVAILABLE")
            {
                failures.Add(what);
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static string? Code(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
