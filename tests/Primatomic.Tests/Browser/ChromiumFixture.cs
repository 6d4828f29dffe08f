using Microsoft.Playwright;

namespace Primatomic.Tests.Browser;

/// <summary>
/// One headless Chromium shared by the browser tests (the <see cref="BrowserTests"/> collection); each test opens
/// its own <see cref="BrowserSession"/> (a fresh context: no cookies or storage shared between tests). The browser is
/// Debian's <c>/usr/bin/chromium</c> (scripts/lib/install-chromium), driven by Playwright through its executable
/// path: Playwright never downloads a browser here. <c>CHROMIUM_PATH</c> names another executable.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    // As the machine's notes prescribe: without the background-networking flags Chromium keeps calling Google's hosts,
    // which this closed network refuses. Playwright itself adds --no-sandbox (we run as root) and a new empty
    // --user-data-dir per launch (passing one here would make it a persistent context, which it refuses).
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string Executable => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : DefaultExecutable;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: run scripts/lib/install-chromium (scripts/test does).");
        }

        // Expectations wait on their condition up to this long (they end as soon as it holds): a loaded machine is slow.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = Flags,
            Timeout = 60_000,
        });
    }

    /// <summary>A new context and page for one test; screenshots go to <see cref="Screenshots"/>/<paramref name="testName"/>.</summary>
    public Task<BrowserSession> OpenAsync(Uri origin, string testName) => BrowserSession.OpenAsync(Browser, origin, testName);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
