using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;

namespace Primatomic.Tests.Browser;

/// <summary>
/// One test's browser context and page. It records every request the page (and anything it starts: workers, frames)
/// made, so a test can assert that none left the service, and saves numbered screenshots of each step.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly string _screenshots;
    private int _step;

    private BrowserSession(IBrowserContext context, IPage page, Uri origin, string screenshots)
    {
        _context = context;
        Page = page;
        Origin = origin;
        _screenshots = screenshots;
    }

    public IPage Page { get; }

    /// <summary>The service's origin: the only one the page may talk to.</summary>
    public Uri Origin { get; }

    /// <summary>Every URL the context requested so far, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    internal static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri origin, string testName)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = origin.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        // Generous, not a sleep: waits end as soon as their condition holds.
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page, origin, Screenshots.FolderFor(testName));
        context.Request += (_, request) => session._requests.Enqueue(request.Url);
        return session;
    }

    /// <summary>Saves <c>NN-step.png</c> of the whole page into this test's screenshot folder and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string step)
    {
        var number = Interlocked.Increment(ref _step).ToString("00", CultureInfo.InvariantCulture);
        var path = Path.Combine(_screenshots, $"{number}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Requests to anywhere but the service's own origin (data: and blob: URLs stay in the page, so they pass).</summary>
    public IReadOnlyList<string> RequestsOutsideTheService() =>
        Requests.Where(url => !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal)
            && !SameOrigin(new Uri(url))).ToList();

    public void AssertNoRequestLeftTheService()
    {
        var outside = RequestsOutsideTheService();
        Assert.True(outside.Count == 0, $"the page requested outside {Origin}: {string.Join(", ", outside)}");
        Assert.NotEmpty(Requests);
    }

    private bool SameOrigin(Uri url) =>
        string.Equals(url.Scheme, Origin.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.Host, Origin.Host, StringComparison.OrdinalIgnoreCase) && url.Port == Origin.Port;

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
