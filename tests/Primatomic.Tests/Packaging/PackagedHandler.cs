using System.Diagnostics;
using System.Globalization;
using System.Text;
using Primatomic.Testing;

namespace Primatomic.Tests.Packaging;

/// <summary>
/// The packaged executable started the way the Functions host starts a custom handler: from the app root as working
/// directory, with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set, and ready once <c>GET /</c> gets any HTTP answer.
/// </summary>
internal sealed class PackagedHandler : IAsyncDisposable
{
    /// <summary>Flex Consumption stops an app that is not ready within this time.</summary>
    public static readonly TimeSpan HostStartupLimit = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PackagedHandler(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public TimeSpan TimeToReady { get; private set; }

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public static async Task<PackagedHandler> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo(PackagedApp.Executable)
        {
            WorkingDirectory = PackagedApp.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Only what the host would pass: nothing inherited from a developer's shell may pick the port or environment.
        start.Environment.Remove("PORT");
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);

        var stopwatch = Stopwatch.StartNew();
        var handler = new PackagedHandler(Process.Start(start) ?? throw new InvalidOperationException("Could not start the packaged handler."), port);
        handler._process.OutputDataReceived += (_, e) => handler.Append(e.Data);
        handler._process.ErrorDataReceived += (_, e) => handler.Append(e.Data);
        handler._process.BeginOutputReadLine();
        handler._process.BeginErrorReadLine();
        await handler.WaitUntilAnsweringAsync();
        handler.TimeToReady = stopwatch.Elapsed;
        return handler;
    }

    public HttpClient CreateClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromSeconds(60) };

    private async Task WaitUntilAnsweringAsync()
    {
        using var probe = CreateClient();
        probe.Timeout = TimeSpan.FromSeconds(2);
        // Generous beyond the host's 30 s: a 2-core machine running the whole suite is slower than an instance.
        var deadline = DateTime.UtcNow + (2 * HostStartupLimit);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The packaged handler exited with {_process.ExitCode}: {Output}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/", UriKind.Relative));
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The packaged handler did not answer GET / within {2 * HostStartupLimit.TotalSeconds} s: {Output}");
            }

            await Task.Delay(50);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output) { _output.AppendLine(line); }
        }
    }

    /// <summary>SIGTERM, as the host sends when it recycles an instance; kill if it does not exit.</summary>
    public async ValueTask DisposeAsync()
    {
        Signals.Terminate(_process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
