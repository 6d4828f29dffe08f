using Wasmtime;

namespace Primatomic.Functions.Views;

/// <summary>Turns Wasmtime errors and traps into messages a tenant can act on, without host detail.</summary>
internal static class ViewTraps
{
    public static string Describe(WasmtimeException ex, ViewLimits limits, string call)
    {
        // Wasmtime's message is "error while executing at wasm backtrace: <frames> Caused by: <cause>".
        var cause = Cause(ex.Message);
        if (cause.Contains("interrupt", StringComparison.Ordinal))
        {
            return $"{call} exceeded the time limit of {limits.CallTimeout.TotalMilliseconds:0} ms per call";
        }

        if (cause.Contains("stack exhausted", StringComparison.Ordinal) || cause.Contains("stack overflow", StringComparison.Ordinal))
        {
            return $"{call} exhausted the WebAssembly call stack (recursion too deep): {cause}";
        }

        if (cause.Contains("unknown import", StringComparison.Ordinal))
        {
            return $"{call} called an import the host does not provide; views get no clock, randomness or I/O: {cause}";
        }

        return $"{call} trapped: {cause} (memory is limited to {limits.MaxMemoryBytes / (1024 * 1024)} MiB per view; "
            + "growth beyond it fails, which allocators usually turn into a trap)";
    }

    private static string Cause(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var causedBy = Array.IndexOf(lines, "Caused by:");
        return causedBy >= 0 && causedBy + 1 < lines.Length ? lines[causedBy + 1]
            : lines.FirstOrDefault() ?? "unknown error";
    }
}
