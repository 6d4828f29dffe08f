using System.Diagnostics;

namespace Primatomic.Testing;

/// <summary>
/// Installs the pinned Azurite from npm into scripts/azurite/node_modules on first use, so a bare
/// <c>dotnet test</c> on a fresh clone works. A file lock keeps parallel test processes from installing twice.
/// </summary>
public static class AzuriteInstaller
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string Directory => RepoPaths.Combine("scripts", "azurite");

    public static string EntryPoint => Path.Combine(Directory, "node_modules", "azurite", "dist", "src", "azurite.js");

    public static async Task EnsureInstalledAsync()
    {
        if (File.Exists(EntryPoint))
        {
            return;
        }

        await Gate.WaitAsync();
        try
        {
            await using var fileLock = await AcquireFileLockAsync(Path.Combine(Directory, ".install.lock"));
            if (File.Exists(EntryPoint))
            {
                return;
            }

            var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
            {
                WorkingDirectory = Directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("Could not start npm; install Node.js.");
            var stderr = npm.StandardError.ReadToEndAsync();
            _ = npm.StandardOutput.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0 || !File.Exists(EntryPoint))
            {
                throw new InvalidOperationException($"npm ci for Azurite failed ({npm.ExitCode}): {await stderr}");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(500);
            }
        }
    }
}
