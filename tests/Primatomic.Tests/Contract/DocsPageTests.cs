using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Primatomic.Functions.Contract;

namespace Primatomic.Tests.Contract;

/// <summary>
/// <c>/docs</c> is served by the service, anonymously, with everything it references, and points nowhere else: no
/// absolute URL in the page, its start-up script or the document it loads, Scalar's calls out (fonts, telemetry,
/// agent, MCP) switched off, and a Content-Security-Policy that lets the browser load only from this service.
/// </summary>
public sealed partial class DocsPageTests(ContractFixture fixture) : IClassFixture<ContractFixture>
{
    [Fact]
    public async Task The_page_and_every_asset_it_references_are_served_by_the_service_and_name_no_other_host()
    {
        using var client = fixture.Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var redirect = await client.GetAsync(new Uri(ContractFeature.DocsPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("docs/", redirect.Headers.Location?.OriginalString);

        using var page = await client.GetAsync(new Uri(ContractFeature.DocsPath + "/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Assert.DoesNotMatch(AbsoluteUrl(), directive);
            Assert.DoesNotContain("*", directive, StringComparison.Ordinal);
        }

        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(AbsoluteUrl(), html);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"agent\":{\"disabled\":true}", html, StringComparison.Ordinal);
        Assert.Contains("\"mcp\":{\"disabled\":true}", html, StringComparison.Ordinal);

        var assets = Reference().Matches(html).Select(m => m.Groups["url"].Value).Distinct().ToList();
        Assert.Contains("scalar.js", assets);
        Assert.Contains("openapi/v1.json", assets);
        foreach (var asset in assets)
        {
            // Relative to the page, /docs/; the document's source is resolved against the site root by Scalar's start-up script.
            var path = asset.StartsWith("openapi/", StringComparison.Ordinal) ? "/" + asset : ContractFeature.DocsPath + "/" + asset;
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            if (!asset.EndsWith("scalar.js", StringComparison.Ordinal) || asset.EndsWith("aspnetcore.js", StringComparison.Ordinal))
            {
                // Scalar's own bundle names sites in its help texts; what it loads is held by the settings and CSP above.
                // XML namespace names (the favicon's xmlns attributes) are identifiers that nothing fetches.
                Assert.DoesNotMatch(AbsoluteUrl(), XmlNamespace().Replace(await response.Content.ReadAsStringAsync(), ""));
            }
        }
    }

    /// <summary>src/href attributes, imports and the configured document sources.</summary>
    [GeneratedRegex("""(?:src|href)="(?<url>[^"]+)"|from '\./(?<url>[^']+)'|"url":"(?<url>[^"]+)"|favicon":"(?<url>[^"]+)""")]
    private static partial Regex Reference();

    [GeneratedRegex("https?://", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex(@"xmlns(?::\w+)?=""[^""]*""")]
    private static partial Regex XmlNamespace();
}
