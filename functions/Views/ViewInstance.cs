using Primatomic.Functions.Views.Native;
using Wasmtime;
using Wasmtime.Components;

namespace Primatomic.Functions.Views;

/// <summary>
/// One running copy of a view: its own store, memory limit and per-call deadline. Calls are serialized.
/// After any fault the instance is dead (a trapped component must not be re-entered): rebuild it from a checkpoint.
/// </summary>
public sealed unsafe class ViewInstance : IDisposable
{
    private readonly ViewEngine engine;
    private readonly Store store;
    private readonly ComponentLinker linker;
    private readonly RawFunction apply;
    private readonly RawFunction query;
    private readonly RawFunction snapshot;
    private readonly RawFunction restore;
    private readonly Lock gate = new();
    private byte[] buffer = new byte[64 * 1024];
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
            apply = new RawFunction(store, Function(instance, WitContract.Apply));
            query = new RawFunction(store, Function(instance, WitContract.Query));
            snapshot = new RawFunction(store, Function(instance, WitContract.Snapshot));
            restore = new RawFunction(store, Function(instance, WitContract.Restore));
        }
        catch (WasmtimeException ex)
        {
            Dispose();
            throw new ViewFaultException(ViewTraps.Describe(ex, engine.Limits, "instantiate"));
        }
    }

    /// <summary>Applies events in order, in one call. On failure the fault carries the batch's first sequence.</summary>
    public void Apply(IReadOnlyList<ViewEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var first = events[0].Sequence;
        var error = Guarded(WitContract.Apply, first, () =>
        {
            // Encode first: it may replace the buffer with a larger one.
            var length = Utf8Frames.Write(events, ref buffer);
            return apply.Call(buffer, length, result => RawFunction.IsOk(result, out var err) ? null : RawFunction.Text(err));
        });
        if (error is not null)
        {
            Fail($"apply returned an error: {error}", first);
        }
    }

    /// <summary>The view's answer. An <c>err</c> from the view throws a non-fatal fault; the instance stays usable.</summary>
    public byte[] Query(ReadOnlySpan<byte> input)
    {
        var limit = engine.Limits.MaxQueryOutputBytes;
        var (answer, error) = Guarded(WitContract.Query, null, input, length => query.Call(buffer, length, result =>
            RawFunction.IsOk(result, out var payload)
                ? (ByteStrings.DecodeUtf8(RawFunction.StringBytes(payload), limit, "query"), (string?)null)
                : (null, RawFunction.Text(payload))));
        return error is null ? answer! : throw new ViewFaultException($"query returned an error: {error}", fatal: false);
    }

    public byte[] Snapshot()
    {
        var limit = engine.Limits.MaxSnapshotBytes;
        return Guarded(WitContract.Snapshot, null, () =>
            snapshot.Call(null, 0, result => ByteStrings.DecodeUtf8(RawFunction.StringBytes(result), limit, "snapshot")));
    }

    public void Restore(ReadOnlySpan<byte> state)
    {
        var error = Guarded(WitContract.Restore, null, state, length =>
            restore.Call(buffer, length, result => RawFunction.IsOk(result, out var err) ? null : RawFunction.Text(err)));
        if (error is not null)
        {
            Fail($"restore returned an error: {error}", null);
        }
    }

    private T Guarded<T>(string name, ulong? sequence, ReadOnlySpan<byte> argument, Func<int, T> call)
    {
        lock (gate)
        {
            var length = ByteStrings.EncodeUtf8(argument, ref buffer);
            return Guarded(name, sequence, () => call(length));
        }
    }

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
            catch (ViewFaultException fault) when (fault.IsFatal)
            {
                Fail(fault.Message, sequence);
                throw;
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
        query?.Dispose();
        snapshot?.Dispose();
        restore?.Dispose();
        linker.Dispose();
        store.Dispose();
    }
}
