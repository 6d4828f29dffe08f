using System.Diagnostics;
using System.Text;

namespace Primatomic.Testing;

/// <summary>
/// The handler as its own OS process, exactly as the Functions host or scripts/dev runs it: used by tests that need
/// several instances, restarts or a kill -9, and by the benchmarks.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _environment;
    private readonly ProcessStartInfo _start;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ServiceProcess(Dictionary<string, string?> environment, int port, ProcessStartInfo start)
    {
        _environment = environment;
        Port = port;
        _start = start;
    }

    public int Port { get; }

    /// <summary>The running process's id (for /proc readings such as its memory), or null while it is stopped.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>From starting the process until it first answered <c>GET /</c> (the host's readiness check).</summary>
    public TimeSpan TimeToReady { get; private set; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <summary>The built handler next to this binary's configuration (Debug or Release).</summary>
    public static string HandlerAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release"
                : "Debug";
            return RepoPaths.Combine("functions", "bin", configuration, "net10.0", "Primatomic.Functions.dll");
        }
    }

    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string?> environment, int? port = null)
    {
        if (!File.Exists(HandlerAssembly))
        {
            throw new InvalidOperationException($"Build the handler first: {HandlerAssembly} is missing.");
        }

        // Under the Functions host contract the port comes from FUNCTIONS_CUSTOMHANDLER_PORT; otherwise from PORT.
        var hostPort = environment.TryGetValue("FUNCTIONS_CUSTOMHANDLER_PORT", out var value) && int.TryParse(value, out var parsed)
            ? parsed
            : (int?)null;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(HandlerAssembly)! };
        start.ArgumentList.Add(HandlerAssembly);
        var service = new ServiceProcess(new Dictionary<string, string?>(environment), hostPort ?? port ?? FreePort.Next(), start);
        await service.LaunchAsync();
        return service;
    }

    /// <summary>
    /// A published executable started exactly as the Functions host starts a custom handler: from its app folder as
    /// working directory, with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> on a free port and nothing from this shell choosing
    /// another address.
    /// </summary>
    public static async Task<ServiceProcess> StartAsHostAsync(string executable, string appFolder, IReadOnlyDictionary<string, string?> environment)
    {
        var port = FreePort.Next();
        var settings = new Dictionary<string, string?>(environment)
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var start = new ProcessStartInfo(executable) { WorkingDirectory = appFolder };
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("PORT");
        var service = new ServiceProcess(settings, port, start);
        await service.LaunchAsync();
        return service;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };

    private async Task LaunchAsync()
    {
        var start = _start;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        if (!_environment.ContainsKey("FUNCTIONS_CUSTOMHANDLER_PORT"))
        {
            start.Environment.Remove("FUNCTIONS_CUSTOMHANDLER_PORT");
            start.Environment["PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        start.Environment.TryAdd("ASPNETCORE_ENVIRONMENT", "Production");

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the handler.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The handler exited with {process.ExitCode}: {Output}");
            }

            try
            {
                using var response = await probe.GetAsync(BaseAddress);
                if (response.IsSuccessStatusCode)
                {
                    TimeToReady = clock.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The handler did not answer GET / within 60 s: {Output}");
            }

            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Graceful stop (SIGTERM), as a platform scale-in or deployment does.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        Signals.Terminate(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    /// <summary>kill -9: no chance to flush or finish anything.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        Signals.Kill(process);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
