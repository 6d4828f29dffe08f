using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Primatomic.Functions.WebConsole;
using Primatomic.Tests.Infrastructure;

// Not Primatomic.Tests.Console: that namespace would hide System.Console from the other tests.
namespace Primatomic.Tests.WebConsole;

/// <summary>The console's page and files as the service serves them: types, caching, the CSP, and only its own files.</summary>
public sealed class ConsoleAssetsTests(ApiFixture service) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly ApiFactory _api = service.Api;
    private readonly HttpClient _client = service.Api.CreateClient(new() { AllowAutoRedirect = false });

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Page_is_html_without_a_token_with_a_self_only_policy_and_an_etag()
    {
        using var response = await _client.GetAsync(new Uri(ConsoleFeature.PagePath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        var html = await response.Content.ReadAsStringAsync();
        // Relative to the page's folder, so any route prefix works; nothing from another origin.
        Assert.Contains("src=\"console/app.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app.js", "text/javascript; charset=utf-8")]
    [InlineData("console.css", "text/css; charset=utf-8")]
    [InlineData("icon.svg", "image/svg+xml")]
    public async Task Files_have_their_content_type_and_answer_304_to_their_own_etag(string file, string contentType)
    {
        var path = new Uri($"{ConsoleFeature.PagePath}/{file}", UriKind.Relative);
        using var first = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(contentType, first.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", first.Headers.GetValues("X-Content-Type-Options").Single());

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await _client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Every_module_the_console_imports_is_shipped_and_none_comes_from_elsewhere()
    {
        var assets = ConsoleAssets.FromAssembly();
        foreach (var name in assets.Names.Where(n => n.EndsWith(".js", StringComparison.Ordinal)))
        {
            var source = await _client.GetStringAsync(new Uri($"{ConsoleFeature.PagePath}/{name}", UriKind.Relative));
            foreach (Match import in Regex.Matches(source, @"from '([^']+)'"))
            {
                var target = import.Groups[1].Value;
                Assert.StartsWith("./", target, StringComparison.Ordinal);
                Assert.True(assets.Contains(target[2..]), $"{name} imports {target}, which the console does not ship");
            }
        }
    }

    [Fact]
    public async Task Every_url_the_console_uses_is_relative_to_its_page_so_it_works_under_any_route_prefix()
    {
        var assets = ConsoleAssets.FromAssembly();
        foreach (var name in assets.Names.Where(n => n.EndsWith(".js", StringComparison.Ordinal) || n.EndsWith(".html", StringComparison.Ordinal)))
        {
            var path = name == ConsoleAssets.PageFile ? ConsoleFeature.PagePath : $"{ConsoleFeature.PagePath}/{name}";
            var source = await _client.GetStringAsync(new Uri(path, UriKind.Relative));
            Assert.DoesNotMatch(@"(src|href|action)=""/", source);
            Assert.DoesNotMatch(@"['`""]/(logs|auth|console|openapi)", source);
        }
    }

    [Theory]
    [InlineData("/console/missing.js")]
    [InlineData("/console/index.html")]
    [InlineData("/console/..%2Fappsettings.json")]
    public async Task Anything_else_under_console_is_404_NOT_FOUND(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("NOT_FOUND", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Page_with_a_trailing_slash_redirects_to_the_page_itself()
    {
        using var response = await _client.GetAsync(new Uri("/console/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console", new Uri(new Uri("http://service/console/"), response.Headers.Location!).AbsolutePath);
    }
}
