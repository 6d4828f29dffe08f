using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Primatomic.Tests.Browser;
using Primatomic.Tests.Views;
using static Microsoft.Playwright.Assertions;

namespace Primatomic.Tests.WebConsole;

/// <summary>
/// The console in headless Chromium against the real service, following the README's steps: sign in, create a log,
/// append and see the event in the live tail, deploy the counter, query it with <c>after</c>, read its stats. Every
/// wait is on a condition (Playwright's expectations); a screenshot of each step goes to
/// artifacts/test-output/screenshots/&lt;test&gt;/.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(BrowserTests.Name)]
public sealed class ConsoleBrowserTests(ChromiumFixture chromium, ConsoleServiceFixture service)
{
    private const string Event = """{"type":"order_placed","order_id":1}""";

    [Fact]
    public async Task Readme_steps_sign_in_append_tail_deploy_query_and_stats_without_leaving_the_service()
    {
        var tenant = await service.RegisterTenantAsync();
        var logName = "console-" + Guid.NewGuid().ToString("N")[..8];
        await using var browser = await chromium.OpenAsync(service.Origin, nameof(Readme_steps_sign_in_append_tail_deploy_query_and_stats_without_leaving_the_service));
        var page = browser.Page;

        await page.GotoAsync(ReadmeConsoleSection.PagePath.TrimStart('/'));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("sign-in");

        await Field(page, "Email").FillAsync(tenant.Email);
        await Field(page, "Password").FillAsync(tenant.Password);
        await Button(page, "Sign in").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Logs", Exact = true })).ToBeVisibleAsync();

        await Field(page, "New log name").FillAsync(logName);
        await Button(page, "Create log").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Log {logName}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Logs" })).ToContainTextAsync(logName);
        await AssertReadmeControlsExistAsync(page);
        await browser.ScreenshotAsync("log-created");

        await Button(page, "Start live tail").ClickAsync();
        await Expect(page.GetByText("Waiting for events after 0")).ToBeVisibleAsync(); // the long-poll is open
        await Field(page, "Event").FillAsync(Event);
        await Button(page, "Append").ClickAsync();
        await Expect(Field(page, "Append result")).ToHaveTextAsync("Appended at sequence 1");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Live tail" }).GetByRole(AriaRole.Listitem)).ToHaveTextAsync(Event);
        await Expect(page.GetByText("Waiting for events after 1")).ToBeVisibleAsync(); // and it polls on from there
        await browser.ScreenshotAsync("appended-and-tailed");

        var events = page.GetByRole(AriaRole.Table, new() { Name = "Events" });
        await Expect(events).ToContainTextAsync(Event);
        await Field(page, "JSON").CheckAsync();
        await Expect(events).ToContainTextAsync("\"order_id\": 1");
        await Field(page, "Hex").CheckAsync();
        await Expect(events).ToContainTextAsync("7b 22 74 79 70 65 22 3a"); // {"type":
        await browser.ScreenshotAsync("events-as-hex");

        await Field(page, "View name").FillAsync("counter");
        await Field(page, "Component (.wasm)").SetInputFilesAsync(new FilePayload
        {
            Name = "counter.wasm",
            MimeType = "application/wasm",
            Buffer = ExampleViews.Component("counter"),
        });
        await Button(page, "Deploy view").ClickAsync();
        await Expect(Field(page, "Deploy result")).ToHaveTextAsync("Deployed counter version 1", new() { Timeout = 90_000 });
        await browser.ScreenshotAsync("counter-deployed");

        await Expect(Field(page, "View to query")).ToHaveValueAsync("counter");
        await Field(page, "After sequence").FillAsync("1");
        await Button(page, "Query").ClickAsync();
        await Expect(Field(page, "Query result")).ToHaveTextAsync("{\"count\":1}");
        await browser.ScreenshotAsync("queried-after-1");

        // Stats refresh by themselves every few seconds: wait for the replica to report the head, lag 0, no error.
        var counterRow = page.GetByRole(AriaRole.Table, new() { Name = "Views" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "counter" });
        Regex[] cells = [Exactly("counter"), Exactly("1"), Exactly("running, leader ready"), Exactly("1 of 1"), Exactly("0"), new(@"^\d+ events/s$"), Exactly("none")];
        await Expect(counterRow.GetByRole(AriaRole.Cell)).ToHaveTextAsync(cells);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "View lag" })).ToContainTextAsync("now 0 events");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Append rate" })).ToContainTextAsync("events/s");
        await browser.ScreenshotAsync("stats");

        // A failure shows its problem code and message.
        await Field(page, "New log name").FillAsync(logName);
        await Button(page, "Create log").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("CONFLICT: ");
        await browser.ScreenshotAsync("error-shown-with-its-code");

        browser.AssertNoRequestLeftTheService();
        Assert.Contains(browser.Requests, url => url.Contains($"/events?after=0&wait=", StringComparison.Ordinal));
        Assert.Contains(browser.Requests, url => url.Contains("/views/counter/query?after=1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_in_with_a_wrong_password_shows_UNAUTHENTICATED_and_keeps_the_form()
    {
        await using var browser = await chromium.OpenAsync(service.Origin, nameof(Sign_in_with_a_wrong_password_shows_UNAUTHENTICATED_and_keeps_the_form));
        var page = browser.Page;
        await page.GotoAsync("console");

        await Field(page, "Email").FillAsync($"nobody-{Guid.NewGuid():N}@tenant.test");
        await Field(page, "Password").FillAsync("not-the-password");
        await Button(page, "Sign in").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("UNAUTHENTICATED: ");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("wrong-password");
        browser.AssertNoRequestLeftTheService();
    }

    private static Regex Exactly(string text) => new($"^{Regex.Escape(text)}$");

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Every control the README's steps name in bold is on the page, by its label or its role's name.</summary>
    private static async Task AssertReadmeControlsExistAsync(IPage page)
    {
        var names = ReadmeConsoleSection.ControlNames;
        Assert.True(names.Count >= 10, $"the README's console steps name only {names.Count} controls");
        foreach (var name in names)
        {
            var found = page.GetByLabel(name, new() { Exact = true })
                .Or(page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }))
                .Or(page.GetByRole(AriaRole.Img, new() { Name = name, Exact = true }));
            Assert.True(await found.CountAsync() > 0, $"README.md names **{name}**, which the console does not have");
        }
    }
}
