using System.Diagnostics;

namespace Primatomic.Testing;

/// <summary>
/// A real Azurite (blob, queue, table) on free loopback ports with its data in a folder of its own. It can be
/// restarted gracefully on the same ports and data, which is how fault tests prove durability.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    // Azurite's fixed, publicly documented development key: not a secret.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;

    private AzuriteProcess(string dataDirectory, bool ownsData)
    {
        DataDirectory = dataDirectory;
        OwnsData = ownsData;
    }

    public string DataDirectory { get; }
    public bool OwnsData { get; }
    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    /// <summary>False after <see cref="StopAsync"/> until it is started again.</summary>
    public bool IsRunning => _process is not null;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>Starts Azurite with a fresh temporary data folder (or <paramref name="dataDirectory"/>).</summary>
    public static async Task<AzuriteProcess> StartAsync(string? dataDirectory = null)
    {
        await AzuriteInstaller.EnsureInstalledAsync();
        var owns = dataDirectory is null;
        dataDirectory ??= System.IO.Directory.CreateTempSubdirectory("azurite-").FullName;
        var azurite = new AzuriteProcess(dataDirectory, owns);
        await azurite.StartOnFreePortsAsync();
        return azurite;
    }

    private async Task StartOnFreePortsAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            BlobPort = FreePort.Next();
            QueuePort = FreePort.Next();
            TablePort = FreePort.Next();
            try
            {
                await LaunchAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took a port between our probe and Azurite's bind; pick new ones.
            }
        }
    }

    /// <summary>Stops Azurite gracefully (so it flushes its in-memory tables to disk) and starts it again on the same ports.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    /// <summary>Starts a stopped Azurite again on its same ports and data (after <see cref="StopAsync"/>).</summary>
    public Task StartAgainAsync() =>
        IsRunning ? throw new InvalidOperationException("Azurite is still running.") : LaunchAsync();

    /// <summary>Freezes Azurite with SIGSTOP: connections stay open and hang, as a stuck storage server's do.</summary>
    public void Freeze()
    {
        if (_process is { } process)
        {
            Signals.Stop(process);
        }
    }

    /// <summary>Resumes an Azurite frozen by <see cref="Freeze"/> (SIGCONT).</summary>
    public void Thaw()
    {
        if (_process is { } process)
        {
            Signals.Continue(process);
        }
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataDirectory,
        };
        foreach (var arg in new[]
                 {
                     AzuriteInstaller.EntryPoint, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                     "--location", DataDirectory,
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await IsListeningAsync(port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    await StopAsync();
                    string log;
                    lock (output) { log = output.ToString(); }
                    throw new InvalidOperationException($"Azurite did not start on port {port}: {log}");
                }

                await Task.Delay(100);
            }
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM and wait: Azurite saves its table data on a graceful exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        var process = _process;
        _process = null;
        if (!process.HasExited)
        {
            Signals.Terminate(process);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (OwnsData)
        {
            try
            {
                System.IO.Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
