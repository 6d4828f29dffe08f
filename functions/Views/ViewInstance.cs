using Primatomic.Functions.Views.Native;
using Wasmtime;
using Wasmtime.Components;

namespace Primatomic.Functions.Views;

/// <summary>
/// One running copy of a view: its own store, memory limit and per-call deadline. Not thread-safe by design;
/// calls are serialized. After any fault the instance is dead (a trapped component may not be re-entered):
/// rebuild it from a checkpoint.
/// </summary>
public sealed class ViewInstance : IDisposable
{
    private readonly ViewEngine engine;
    private readonly Store store;
    private readonly ComponentLinker linker;
    private readonly RawApply apply;
    private readonly ComponentFunction query;
    private readonly ComponentFunction snapshot;
    private readonly ComponentFunction restore;
    private readonly Lock gate = new();
    private string? deadReason;

    internal ViewInstance(ViewEngine engine, CompiledView view)
    {
        this.engine = engine;
        store = new Store(engine.Engine);
        store.SetLimits(memorySize: engine.Limits.MaxMemoryBytes, tableElements: 100_000, instances: 100, tables: 100, memories: 10);
        linker = new ComponentLinker(engine.Engine);
        // Views must be deterministic: no import is provided, but a toolchain that links WASI still loads and
        // fails only if it really calls one.
        linker.DefineUnknownImportsAsTraps(view.Component);
        try
        {
            Deadline();
            var instance = linker.Instantiate(store, view.Component);
            apply = new RawApply(store, Function(instance, WitContract.Apply));
            query = Function(instance, WitContract.Query);
            snapshot = Function(instance, WitContract.Snapshot);
            restore = Function(instance, WitContract.Restore);
        }
        catch (WasmtimeException ex)
        {
            Dispose();
            throw new ViewFaultException(ViewTraps.Describe(ex, engine.Limits, "instantiate"));
        }
    }

    /// <summary>Applies events in order. On failure the fault carries the batch's first sequence.</summary>
    public void Apply(IReadOnlyList<ViewEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var first = events[0].Sequence;
        var error = Guarded(WitContract.Apply, first, () => apply.Call(events));
        if (error is not null)
        {
            Fail($"apply returned an error: {error}", first);
        }
    }

    public byte[] Query(ReadOnlySpan<byte> input)
    {
        var result = Call(query, WitContract.Query, null, ComponentValue.String(ByteStrings.FromBytes(input)));
        var text = result.Payload?.AsString() ?? "";
        if (!result.IsOk)
        {
            throw new ViewFaultException($"query returned an error: {text}", fatal: false);
        }

        if (text.Length > engine.Limits.MaxQueryOutputBytes)
        {
            Fail($"query answered {text.Length} bytes; the limit is {engine.Limits.MaxQueryOutputBytes}", null);
        }

        return ByteStrings.ToBytes(text, "query");
    }

    public byte[] Snapshot()
    {
        var text = Call(snapshot, WitContract.Snapshot, null).AsString();
        if (text.Length > engine.Limits.MaxSnapshotBytes)
        {
            Fail($"snapshot is {text.Length} bytes; the limit is {engine.Limits.MaxSnapshotBytes}", null);
        }

        return ByteStrings.ToBytes(text, "snapshot");
    }

    public void Restore(ReadOnlySpan<byte> state)
    {
        var result = Call(restore, WitContract.Restore, null, ComponentValue.String(ByteStrings.FromBytes(state)));
        if (!result.IsOk)
        {
            Fail($"restore returned an error: {result.Payload?.AsString()}", null);
        }
    }

    private ComponentValue Call(ComponentFunction function, string name, ulong? sequence, params ComponentValue[] arguments) =>
        Guarded(name, sequence, () => function.Call(arguments) ?? throw new ViewFaultException($"{name} returned no value.", sequence));

    private T Guarded<T>(string name, ulong? sequence, Func<T> call)
    {
        lock (gate)
        {
            if (deadReason is not null)
            {
                throw new ViewFaultException($"The view instance failed earlier ({deadReason}); rebuild it from a checkpoint.", sequence);
            }

            try
            {
                Deadline();
                return call();
            }
            catch (WasmtimeException ex)
            {
                Fail(ViewTraps.Describe(ex, engine.Limits, name), sequence);
                throw; // unreachable: Fail throws
            }
        }
    }

    private void Deadline() =>
        store.SetEpochDeadline((ulong)Math.Max(1, engine.Limits.CallTimeout / ViewEngine.EpochTick));

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string message, ulong? sequence)
    {
        deadReason ??= message;
        throw new ViewFaultException(message, sequence);
    }

    private static ComponentFunction Function(ComponentInstance instance, string name) =>
        instance.GetFunction(name) ?? throw new ViewFaultException($"The view has no export `{name}`.");

    public void Dispose()
    {
        apply?.Dispose();
        linker.Dispose();
        store.Dispose();
    }
}
