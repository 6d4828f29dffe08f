using System.Text.Json;
using Primatomic.Tests.Browser;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Clients.TypeScript;

/// <summary>
/// The TypeScript client in a browser page on another origin: its modules load as they are built, and every call
/// (sign-in, create, keyed append with its preflight, read, a problem's code) crosses to the service through CORS.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(BrowserTests.Name)]
public sealed class TypeScriptInBrowserTests(ChromiumFixture chromium, CrossOriginPage app) : IClassFixture<CrossOriginPage>
{
    private const string Script = """
        async ({ serviceUrl, email, password }) => {
          const { PrimatomicClient, PrimatomicError } = await import("./client/index.js");
          const client = new PrimatomicClient({ baseUrl: serviceUrl, email, password });
          const { log_id } = await client.logs.create("from-a-page");
          const { sequence } = await client.logs.append(log_id, "hello from another origin");
          const page = await client.logs.read(log_id, { after: 0 });
          let code = "";
          try {
            await client.logs.append(log_id, "stale", { expectedSequence: 0 });
          } catch (error) {
            code = error instanceof PrimatomicError ? error.code : String(error);
          }
          return JSON.stringify({ sequence, events: page.events.length, code });
        }
        """;

    [Fact]
    public async Task The_client_works_from_a_page_on_an_allowed_origin_through_cors()
    {
        TestTenant tenant;
        using (var client = app.Service.CreateClient())
        {
            tenant = await TestTenant.RegisterAsync(client);
        }

        await using var browser = await chromium.OpenAsync(app.Origin, nameof(The_client_works_from_a_page_on_an_allowed_origin_through_cors));
        await browser.Page.GotoAsync("");
        var answer = await browser.Page.EvaluateAsync<string>(Script,
            new { serviceUrl = app.Service.BaseAddress.ToString().TrimEnd('/'), email = tenant.Email, password = tenant.Password });

        using var result = JsonDocument.Parse(answer);
        Assert.Equal(1, result.RootElement.GetProperty("sequence").GetInt64());
        Assert.Equal(1, result.RootElement.GetProperty("events").GetInt32());
        Assert.Equal("SEQUENCE_MISMATCH", result.RootElement.GetProperty("code").GetString());
        // The page talked to two origins, its own and the service's, and to nothing else.
        Assert.All(browser.Requests, url => Assert.True(
            url.StartsWith(app.Origin.ToString(), StringComparison.Ordinal) || url.StartsWith(app.Service.BaseAddress.ToString(), StringComparison.Ordinal), url));
        Assert.Contains(browser.Requests, url => url.Contains("/append", StringComparison.Ordinal));
    }
}
