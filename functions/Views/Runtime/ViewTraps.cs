namespace Primatomic.Functions.Views.Runtime;

/// <summary>Turns Wasmtime errors and traps into messages a tenant can act on, without host detail.</summary>
internal static class ViewTraps
{
    /// <summary>Longest message kept from a view's failure, wherever it is stored, logged or returned.</summary>
    public const int MaxMessageChars = 4096;

    public static string Describe(string wasmtimeMessage, ViewLimits limits, string call)
    {
        // Wasmtime's message is "error while executing at wasm backtrace: <frames> Caused by: <cause>".
        var cause = Cause(wasmtimeMessage);
        if (cause.Contains("all fuel consumed", StringComparison.Ordinal))
        {
            var budget = call == "append" ? limits.FuelPerEvent : call == "query" ? limits.FuelPerQuery : limits.FuelPerCall;
            return Truncate($"{call} exceeded its work budget of {budget:N0} fuel units (about one per WebAssembly instruction)");
        }

        if (wasmtimeMessage.Contains("output_too_large", StringComparison.Ordinal))
        {
            var limit = call == "query" ? limits.MaxQueryOutputBytes : limits.MaxSnapshotBytes;
            return $"{call} returned more than {limit:N0} bytes, the limit";
        }

        if (cause.Contains("stack exhausted", StringComparison.Ordinal) || cause.Contains("stack overflow", StringComparison.Ordinal))
        {
            return Truncate($"{call} exhausted the WebAssembly call stack (recursion too deep): {cause}");
        }

        if (cause.Contains("unknown import", StringComparison.Ordinal) || wasmtimeMessage.Contains("unknown import", StringComparison.Ordinal))
        {
            return Truncate($"{call} called an import the host does not provide; views get no clock, randomness or I/O: {cause}");
        }

        // `unreachable` is how toolchains end a view that panicked, threw, aborted, or whose allocator was refused
        // more memory: the host cannot tell which, so the message names the common causes.
        return cause.Contains("unreachable", StringComparison.Ordinal)
            ? Truncate($"{call} trapped: {cause}. The view panicked, threw an uncaught exception or aborted; or its allocator "
                + $"failed because memory is limited to {limits.MaxMemoryBytes / (1024 * 1024)} MiB per view (all its memories together)")
            : Truncate($"{call} trapped: {cause}");
    }

    /// <summary>The first lines of a compiler or validator message, on one line.</summary>
    public static string FirstLines(string message) =>
        Truncate(string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(4)));

    public static string Truncate(string message) =>
        message.Length <= MaxMessageChars ? message : string.Concat(message.AsSpan(0, MaxMessageChars - 1), "…");

    private static string Cause(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var causedBy = Array.IndexOf(lines, "Caused by:");
        return causedBy >= 0 && causedBy + 1 < lines.Length ? lines[causedBy + 1]
            : lines.FirstOrDefault() ?? "unknown error";
    }
}
