using System.Diagnostics;
using System.Text;
using Primatomic.Testing;

namespace Primatomic.Tests.Readme;

/// <summary>
/// <c>scripts/dev</c> run exactly as a user runs it, but on free ports and a throw-away Azurite folder so it can
/// run beside other tests and a developer's own scripts/dev.
/// </summary>
internal sealed class DevServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _azuriteFolder;

    private DevServer(Process process, int port, string azuriteFolder)
    {
        _process = process;
        Port = port;
        _azuriteFolder = azuriteFolder;
    }

    public int Port { get; }

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public static async Task<DevServer> StartAsync()
    {
        var port = FreePort.Next();
        var folder = Directory.CreateTempSubdirectory("dev-azurite-").FullName;
        var start = new ProcessStartInfo("bash", RepoPaths.Combine("scripts", "dev"))
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_BLOB_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_QUEUE_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_TABLE_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_LOCATION"] = folder;

        var server = new DevServer(Process.Start(start)!, port, folder);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!server.Output.Contains("Press Ctrl-C to stop.", StringComparison.Ordinal))
        {
            if (server._process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"scripts/dev did not come up: {server.Output}");
            }

            await Task.Delay(200);
        }

        return server;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output) { _output.AppendLine(line); }
        }
    }

    /// <summary>Ctrl-C, as a user stops it: both the service and Azurite must exit.</summary>
    public async Task<bool> InterruptAsync()
    {
        if (_process.HasExited)
        {
            return true;
        }

        Signals.Interrupt(_process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!await InterruptAsync())
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_azuriteFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
