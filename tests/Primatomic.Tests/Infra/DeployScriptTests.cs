using System.Diagnostics;
using Primatomic.Testing;

namespace Primatomic.Tests.Infra;

/// <summary>
/// scripts/deploy needs Azure, so only what it does before reaching Azure is tested: its arguments, and its clear
/// refusal when az is missing or not logged in. PATH holds nothing but what each test puts there.
/// </summary>
public sealed class DeployScriptTests : IDisposable
{
    private readonly DirectoryInfo _path = Directory.CreateTempSubdirectory("primatomic-deploy-path-");

    public void Dispose() => _path.Delete(recursive: true);

    [Theory]
    [InlineData]
    [InlineData("my-rg", "westeurope", "extra")]
    [InlineData("--help")]
    [InlineData("")]
    public async Task Wrong_arguments_print_the_usage_and_exit_2(params string[] arguments)
    {
        var (exitCode, stderr) = await RunDeployAsync(arguments);
        Assert.Equal(2, exitCode);
        Assert.Contains("usage: scripts/deploy <resource-group> [location]", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_az_on_path_it_says_to_install_the_azure_cli()
    {
        var (exitCode, stderr) = await RunDeployAsync("my-rg", "westeurope");
        Assert.Equal(1, exitCode);
        Assert.Contains("the Azure CLI (az) is not installed or not on PATH", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_az_logged_out_it_says_to_run_az_login()
    {
        // A stand-in az whose `az account show` fails, as the real one does when nobody is logged in.
        var az = Path.Combine(_path.FullName, "az");
        await File.WriteAllTextAsync(az, "#!/bin/sh\necho 'Please run az login to setup account.' >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var (exitCode, stderr) = await RunDeployAsync("my-rg");
        Assert.Equal(1, exitCode);
        Assert.Contains("the Azure CLI is not logged in. Run 'az login'", stderr, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Stderr)> RunDeployAsync(params string[] arguments)
    {
        var bash = File.Exists("/bin/bash") ? "/bin/bash" : "/usr/bin/bash";
        var start = new ProcessStartInfo(bash) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepoPaths.Combine("scripts", "deploy"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = _path.FullName;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        _ = await stdout;
        return (process.ExitCode, await stderr);
    }
}
