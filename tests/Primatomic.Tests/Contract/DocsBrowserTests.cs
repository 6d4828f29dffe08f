using System.Collections.Concurrent;
using Microsoft.Playwright;
using Primatomic.Tests.Browser;
using Primatomic.Tests.WebConsole;
using static Microsoft.Playwright.Assertions;

namespace Primatomic.Tests.Contract;

/// <summary>
/// The reference page at /docs renders in headless Chromium from the service's own files: the operations of the
/// published document appear, nothing is requested from anywhere else, and the page's Content-Security-Policy blocks
/// nothing it needs (a blocked script or style would show as a console error).
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(BrowserTests.Name)]
public sealed class DocsBrowserTests(ChromiumFixture chromium, ConsoleServiceFixture service)
{
    [Fact]
    public async Task Docs_renders_the_published_operations_in_chromium_with_no_request_leaving_the_service()
    {
        await using var browser = await chromium.OpenAsync(service.Origin, nameof(Docs_renders_the_published_operations_in_chromium_with_no_request_leaving_the_service));
        var page = browser.Page;
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Enqueue(error);

        await page.GotoAsync("docs");
        await Expect(page).ToHaveTitleAsync("Primatomic API reference");
        // Operations by their summaries in the document: the page read /openapi/v1.json and drew it (Scalar draws the
        // first tag's operations at once and the others as they scroll into view).
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Register a tenant" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Logs", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.GetByText("Views", new() { Exact = true }).First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("reference");

        browser.AssertNoRequestLeftTheService();
        Assert.Contains(browser.Requests, url => url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
        Assert.True(errors.IsEmpty, "the page logged errors: " + string.Join(" | ", errors));
    }
}
