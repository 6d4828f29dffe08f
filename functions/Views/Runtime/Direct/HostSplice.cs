namespace Primatomic.Functions.Views.Runtime.Direct;

/// <summary>
/// Adds the host's side to a tenant's component after all of its own sections, so that none of its indices move and
/// its imports, wherever they stand, stay its own (the host links them as traps):
/// <code>
///   (import "primatomic:host/meter@0.0.1" (instance $meter (export "event-start" (func))))
///   ;; the direct append path, when the view's append is a plain lift (DirectAppendTarget):
///   (core func $begin (canon lower (func $meter "event-start")))
///   (core module $direct ...direct.wat...)
///   (core instance $d (instantiate $direct (with "view" (instance (export "memory" (memory M)) (export "realloc" (func R))
///                                                                 (export "append" (func A)) (export "begin" (func $begin))
///                                                                 (export "post-return" (func P)) ;; if it has one
///                                                                 ))))
///   (func $apply (param "batch" string) (canon lift (core func $d "apply") (memory $d "memory") (realloc $d "realloc")))
///   ;; always: the adapter, on the view's exported interface
///   (component $adapter ...adapter.wat...)
///   (instance $a (instantiate $adapter (with "primatomic:machine/machine@0.0.1" (instance X)) (with "primatomic:host/meter@0.0.1" (instance $meter))))
///   (export "primatomic-host-init" (func $a "init")) ... apply ($apply on the direct path), query, snapshot, restore
/// </code>
/// where X is the instance the view exports as <c>primatomic:machine/machine@0.0.1</c>.
/// </summary>
internal static class HostSplice
{
    private const byte CoreModuleSection = 1, CoreInstanceSection = 2, ComponentSection = 4, InstanceSection = 5, AliasSection = 6, TypeSection = 7,
        CanonSection = 8, ImportSection = 10, ExportSection = 11;

    private const byte CoreFuncSort = 0x00, CoreMemorySort = 0x02, CoreInstanceSort = 0x12, FuncSort = 0x01, InstanceSort = 0x05, StringType = 0x73;

    /// <summary>
    /// The view with the host's side added; <paramref name="target"/> non-null adds the direct append path.
    /// <paramref name="directModule"/> is direct.wat for a view with or without a post-return function.
    /// </summary>
    public static byte[] Splice(ReadOnlySpan<byte> component, ComponentIndexSpaces spaces, uint machineInstance, DirectAppendTarget? target,
        Func<bool, byte[]> directModule, byte[] adapter)
    {
        var types = spaces.Count(Space.Type);
        var meter = spaces.Count(Space.Instance);
        var func = spaces.Count(Space.Func);
        var writer = new ComponentWriter().Raw(component);
        writer.Section(TypeSection, s =>
        {
            MeterType.Write(s.U32(2));
            s.Byte(0x40).U32(1).Name("batch").Byte(StringType).Byte(0x01).Byte(0x00); // (func (param "batch" string))
        });
        writer.Section(ImportSection, s => s.U32(1).Byte(0x00).Name(ViewComposer.MeterInterface).Byte(InstanceSort).U32(types));
        uint? directApply = null;
        if (target is not null)
        {
            directApply = AddDirectPath(writer, spaces, target, directModule(target.PostReturn is not null), types, meter, func);
            func += 2; // event-start's alias and the lifted apply
        }

        var adapterInstance = meter + 1;
        writer.Section(ComponentSection, s => s.Raw(adapter));
        writer.Section(InstanceSection, s => s.U32(1).Byte(0x00).U32(spaces.Count(Space.Component)).U32(2)
            .Name(ViewComposer.MachineInterface).Byte(InstanceSort).U32(machineInstance)
            .Name(ViewComposer.MeterInterface).Byte(InstanceSort).U32(meter));
        writer.Section(AliasSection, s =>
        {
            s.U32((uint)ViewComposer.AdapterFunctions.Length);
            foreach (var name in ViewComposer.AdapterFunctions)
            {
                s.Byte(FuncSort).Byte(0x00).U32(adapterInstance).Name(name);
            }
        });
        writer.Section(ExportSection, s =>
        {
            s.U32((uint)ViewComposer.AdapterFunctions.Length);
            for (var i = 0; i < ViewComposer.AdapterFunctions.Length; i++)
            {
                var own = directApply is { } apply && ViewComposer.AdapterFunctions[i] == "apply" ? apply : func + (uint)i;
                s.Byte(0x00).Name(ViewComposer.HostExports[i]).Byte(FuncSort).U32(own).Byte(0x00);
            }
        });
        return writer.ToArray();
    }

    /// <summary>Writes the direct path's sections; returns the index of its lifted apply.</summary>
    private static uint AddDirectPath(ComponentWriter writer, ComponentIndexSpaces spaces, DirectAppendTarget target, byte[] directModule,
        uint types, uint meter, uint func)
    {
        var coreFunc = spaces.Count(Space.CoreFunc);
        var coreInstance = spaces.Count(Space.CoreInstance);
        writer.Section(AliasSection, s => s.U32(1).Byte(FuncSort).Byte(0x00).U32(meter).Name(MeterType.EventStart));
        writer.Section(CanonSection, s => s.U32(1).Byte(0x01).Byte(0x00).U32(func).U32(0));
        writer.Section(CoreModuleSection, s => s.Raw(directModule));
        writer.Section(CoreInstanceSection, s =>
        {
            s.U32(2).Byte(0x01).U32(target.PostReturn is null ? 4u : 5u)
                .Name("memory").Byte(CoreMemorySort).U32(target.Memory)
                .Name("realloc").Byte(CoreFuncSort).U32(target.Realloc)
                .Name("append").Byte(CoreFuncSort).U32(target.CoreFunc)
                .Name("begin").Byte(CoreFuncSort).U32(coreFunc);
            if (target.PostReturn is { } postReturn)
            {
                s.Name("post-return").Byte(CoreFuncSort).U32(postReturn);
            }

            s.Byte(0x00).U32(spaces.Count(Space.CoreModule)).U32(1).Name("view").Byte(CoreInstanceSort).U32(coreInstance);
        });
        var direct = coreInstance + 1;
        writer.Section(AliasSection, s => s.U32(3)
            .Byte(0x00).Byte(CoreMemorySort).Byte(0x01).U32(direct).Name("memory")
            .Byte(0x00).Byte(CoreFuncSort).Byte(0x01).U32(direct).Name("realloc")
            .Byte(0x00).Byte(CoreFuncSort).Byte(0x01).U32(direct).Name("apply"));
        writer.Section(CanonSection, s => s.U32(1).Byte(0x00).Byte(0x00).U32(coreFunc + 2)
            .U32(3).Byte(0x00).Byte(0x03).U32(spaces.Count(Space.CoreMemory)).Byte(0x04).U32(coreFunc + 1)
            .U32(types + 1));
        return func + 1;
    }
}

/// <summary>The type of <c>primatomic:host/meter@0.0.1</c>: <c>(instance (type (func)) (export "event-start" (func (type 0))))</c>.</summary>
internal static class MeterType
{
    public const string EventStart = "event-start";

    public static void Write(ComponentWriter s) => s.Byte(0x42).U32(2)
        .Byte(0x01).Byte(0x40).U32(0).Byte(0x01).Byte(0x00)
        .Byte(0x04).Byte(0x00).Name(EventStart).Byte(0x01).U32(0);
}
