using System.Runtime.InteropServices;
using Primatomic.Functions.Views.Runtime.Native;
using static Primatomic.Functions.Views.Runtime.Native.WasmtimeApi;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// One running copy of a view: its own store, memory limits and fuel. <c>init</c> runs once, when it is created.
/// Not thread-safe: its replica's loop is the only caller. After any trap the instance is dead (a trapped component
/// must not be re-entered): rebuild it from a checkpoint.
/// </summary>
public sealed unsafe class ViewInstance : IDisposable
{
    private enum Export { Init, Apply, Query, Snapshot, Restore }

    private readonly ViewLimits limits;
    private readonly ViewStore store;
    private readonly ComponentFunc* functions;
    private byte[] buffer = new byte[64 * 1024];

    internal ViewInstance(ViewEngine engine, CompiledView view)
    {
        limits = engine.Limits;
        store = new ViewStore(engine, view.Memories, view.HostMemories);
        functions = (ComponentFunc*)NativeMemory.AllocZeroed((nuint)(sizeof(ComponentFunc) * ViewComposer.HostExports.Length));
        try
        {
            store.SetFuel(limits.FuelPerCall);
            ComponentInstance instance;
            WasmtimeException.Check(wasmtime_component_linker_instantiate(view.Linker.DangerousGetHandle(), store.Context, view.Component.DangerousGetHandle(), &instance));
            for (var i = 0; i < ViewComposer.HostExports.Length; i++)
            {
                Find(&instance, ViewComposer.HostExports[i], functions + i);
            }

            Invoke(Export.Init, null, 0, null, 0);
        }
        catch (WasmtimeException ex)
        {
            Dispose();
            throw new ViewFaultException(ViewTraps.Describe(ex.Message, limits, "init"));
        }
    }

    /// <summary>Why the instance can no longer be called, or null while it can.</summary>
    public string? DeadReason { get; private set; }

    /// <summary>Calls <c>append</c> once per event, in order. On failure the fault carries the failing event's sequence.</summary>
    public void Apply(IReadOnlyList<ViewEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var length = 0;
        foreach (var e in events)
        {
            length += AsciiFrames.FrameLength(e.Payload.Length);
        }

        Reserve(length);
        var written = 0;
        foreach (var e in events)
        {
            written += AsciiFrames.Write(e.Payload.Span, buffer.AsSpan(written));
        }

        store.Meter.Reset((ulong)limits.FuelPerEvent);
        try
        {
            CallWithString(Export.Apply, written, null, limits.FuelPerEvent, null);
        }
        catch (WasmtimeException ex)
        {
            var failed = events[Math.Clamp(store.Meter.Started - 1, 0, events.Count - 1)];
            throw new ViewFaultException(ViewTraps.Describe(ex.Message, limits, "append"), failed.Sequence);
        }
    }

    /// <summary>The view's answer to <paramref name="input"/>. A trap or exhausted budget fails this query only (not fatal), but kills the instance.</summary>
    public byte[] Query(ReadOnlySpan<byte> input)
    {
        try
        {
            return CallWithString(Export.Query, Frame(input), (uint)limits.MaxQueryOutputBytes, limits.FuelPerQuery, limits.MaxQueryOutputBytes)!;
        }
        catch (WasmtimeException ex)
        {
            throw new ViewFaultException(ViewTraps.Describe(ex.Message, limits, "query"), fatal: false);
        }
    }

    public byte[] Snapshot()
    {
        try
        {
            var max = ComponentVal.OfU32((uint)limits.MaxSnapshotBytes);
            return CallWithFuel(Export.Snapshot, &max, 1, limits.FuelPerCall, limits.MaxSnapshotBytes)!;
        }
        catch (WasmtimeException ex)
        {
            throw new ViewFaultException(ViewTraps.Describe(ex.Message, limits, "snapshot"));
        }
    }

    public void Restore(ReadOnlySpan<byte> state)
    {
        try
        {
            CallWithString(Export.Restore, Frame(state), null, limits.FuelPerCall, null);
        }
        catch (WasmtimeException ex)
        {
            throw new ViewFaultException(ViewTraps.Describe(ex.Message, limits, "restore"));
        }
    }

    private int Frame(ReadOnlySpan<byte> payload)
    {
        Reserve(AsciiFrames.FrameLength(payload.Length));
        return AsciiFrames.Write(payload, buffer);
    }

    private void Reserve(int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }
    }

    /// <summary>Calls with the first <paramref name="length"/> bytes of the buffer as a string, and optionally a u32.</summary>
    private byte[]? CallWithString(Export export, int length, uint? number, long fuel, int? maxResult)
    {
        var args = stackalloc ComponentVal[2];
        fixed (byte* data = buffer)
        {
            args[0] = ComponentVal.OfString(data, length);
            args[1] = ComponentVal.OfU32(number ?? 0);
            return CallWithFuel(export, args, number is null ? 1u : 2u, fuel, maxResult);
        }
    }

    /// <summary>Calls with <paramref name="fuel"/> in the store; returns the unpacked string result when <paramref name="maxResult"/> is set.</summary>
    private byte[]? CallWithFuel(Export export, ComponentVal* args, nuint argCount, long fuel, int? maxResult)
    {
        store.SetFuel(fuel);
        if (maxResult is null)
        {
            Invoke(export, args, argCount, null, 0);
            return null;
        }

        var result = stackalloc ComponentVal[1];
        Invoke(export, args, argCount, result, 1);
        try
        {
            return result->Kind == ComponentVal.KindString
                ? AsciiFrames.Read(result->String.Span, maxResult.Value)
                : throw new WasmtimeException("The view adapter returned something other than a string.");
        }
        finally
        {
            wasmtime_component_val_delete(result);
        }
    }

    private void Invoke(Export export, ComponentVal* args, nuint argCount, ComponentVal* results, nuint resultCount)
    {
        if (DeadReason is not null)
        {
            throw new ViewFaultException($"The view instance failed earlier ({DeadReason}); rebuild it from a checkpoint.");
        }

        var function = functions + (int)export;
        // Wasmtime's C API turns these into Rust slices, which must not be built from null pointers even when empty.
        var none = stackalloc ComponentVal[1];
        var error = wasmtime_component_func_call(function, store.Context, args == null ? none : args, argCount, results == null ? none : results, resultCount);
        if (error == IntPtr.Zero)
        {
            error = wasmtime_component_func_post_return(function, store.Context);
        }

        if (error != IntPtr.Zero)
        {
            var message = WasmtimeException.Take(error);
            DeadReason = ViewTraps.Truncate(message);
            throw new WasmtimeException(message);
        }
    }

    private void Find(ComponentInstance* instance, string name, ComponentFunc* function)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(name);
        IntPtr index;
        fixed (byte* bytes = utf8)
        {
            index = wasmtime_component_instance_get_export_index(instance, store.Context, IntPtr.Zero, bytes, (nuint)utf8.Length);
        }

        try
        {
            if (index == IntPtr.Zero || !wasmtime_component_instance_get_func(instance, store.Context, index, function))
            {
                throw new WasmtimeException($"The composed view has no export `{name}`.");
            }
        }
        finally
        {
            if (index != IntPtr.Zero)
            {
                wasmtime_component_export_index_delete(index);
            }
        }
    }

    public void Dispose()
    {
        store.Dispose();
        NativeMemory.Free(functions);
    }
}
