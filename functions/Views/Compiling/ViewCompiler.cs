using System.Diagnostics;
using System.Globalization;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views.Compiling;

/// <summary>
/// Compiles uploaded components in a child process (<see cref="CompileChild"/>) under a memory cap, a CPU cap, a
/// wall-clock timeout and a low priority, with bounded concurrency (<see cref="CompileGate"/>), then loads the
/// artifact here. A compile bomb costs its own process, never this one's memory or another tenant's latency.
/// </summary>
public sealed partial class ViewCompiler(ViewEngine engine, ILogger<ViewCompiler> logger) : IDisposable
{
    private const int SigAbrt = 6, SigKill = 9, SigSegv = 11, SigXcpu = 24;
    private const int MaxErrorChars = 4096;

    private readonly ViewLimits _limits = engine.Limits;
    private readonly CompileGate _gate = new(engine.Limits.MaxConcurrentCompiles, engine.Limits.MaxConcurrentCompilesPerTenant);

    /// <summary>Compiles for <paramref name="tenantId"/> (null: the service's own recompile); throws <see cref="InvalidViewException"/> saying what is wrong.</summary>
    public async Task<CompiledView> CompileAsync(string? tenantId, ReadOnlyMemory<byte> component, CancellationToken cancellationToken)
    {
        using var slot = await _gate.EnterAsync(tenantId, _limits.CompileQueueTimeout, cancellationToken);
        var artifact = await RunAsync(component, cancellationToken);
        return engine.Deserialize(artifact, ViewEngine.HashOf(component.Span));
    }

    private async Task<byte[]> RunAsync(ReadOnlyMemory<byte> component, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(CompilerCommand.Create([
            CompileChild.Command,
            _limits.CompileMemoryBytes.ToString(CultureInfo.InvariantCulture),
            // CPU time of all its threads: a backstop the wall-clock timeout always beats, even with every core busy.
            ((int)Math.Ceiling(_limits.CompileTimeout.TotalSeconds * Math.Max(2, Environment.ProcessorCount))).ToString(CultureInfo.InvariantCulture),
            _limits.MaxComponentBytes.ToString(CultureInfo.InvariantCulture),
            _limits.MaxFunctionBodyBytes.ToString(CultureInfo.InvariantCulture),
        ])) ?? throw new InvalidOperationException("The view compiler process did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_limits.CompileTimeout);
        using var artifact = new MemoryStream();
        var output = process.StandardOutput.BaseStream.CopyToAsync(artifact, timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.StandardInput.BaseStream.WriteAsync(component, timeout.Token);
            process.StandardInput.Close();
            await Task.WhenAll(output, errors, process.WaitForExitAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidViewException($"Compiling the component took longer than {_limits.CompileTimeout.TotalSeconds:0} s (Views__CompileTimeout).");
        }
        catch (IOException) when (process.HasExited)
        {
            // it stopped reading (a limit hit while reading): its exit status says why
            await process.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var error = errors.IsCompletedSuccessfully ? Truncate(errors.Result) : "";
        LogCompiled(logger, component.Length, process.ExitCode, clock.ElapsedMilliseconds);
        return process.ExitCode switch
        {
            0 => artifact.ToArray(),
            CompileChild.InvalidExitCode => throw new InvalidViewException(error),
            _ => throw Failed(process.ExitCode, error),
        };
    }

    private InvalidViewException Failed(int exitCode, string error)
    {
        LogCompilerFailed(logger, exitCode, error);
        var signal = exitCode > 128 ? exitCode - 128 : 0;
        if (signal == SigXcpu)
        {
            return new InvalidViewException("Compiling the component needed more CPU time than allowed (Views__CompileTimeout).");
        }

        return signal is SigKill || (signal is SigAbrt or SigSegv && error.Contains("memory", StringComparison.OrdinalIgnoreCase))
            ? new InvalidViewException($"Compiling the component needed more than {_limits.CompileMemoryBytes / (1024 * 1024)} MiB of memory (Views__CompileMemoryBytes).")
            : new InvalidViewException($"The component could not be compiled within the limits (the compiler exited with status {exitCode}).");
    }

    private static string Truncate(string text) => text.Length <= MaxErrorChars ? text : text[..MaxErrorChars] + " [truncated]";

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Compiled a view component of {Bytes} bytes in a child process: exit {ExitCode} after {Milliseconds} ms")]
    private static partial void LogCompiled(ILogger logger, int bytes, int exitCode, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The view compiler process failed with exit status {ExitCode}: {Error}")]
    private static partial void LogCompilerFailed(ILogger logger, int exitCode, string error);
}
