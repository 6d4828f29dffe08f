namespace Primatomic.Functions.Views.Runtime.Direct;

/// <summary>
/// Adds the direct append path to a tenant's component, after all of its own sections so that none of its indices
/// move:
/// <code>
///   (import "primatomic:host/meter@0.0.1" (instance $meter (export "event-start" (func))))
///   (core func $begin (canon lower (func $meter "event-start")))
///   (core module $direct ...direct.wat...)
///   (core instance $d (instantiate $direct (with "view" (instance (export "memory" (memory M)) (export "realloc" (func R))
///                                                                 (export "append" (func A)) (export "begin" (func $begin))
///                                                                 (export "post-return" (func P)) ;; if it has one
///                                                                 ))))
///   (func (export "primatomic-host-apply") (param "batch" string) (canon lift (core func $d "apply") (memory $d "memory") (realloc $d "realloc")))
/// </code>
/// where A, M and R are what the view's own <c>append</c> is lifted from (<see cref="DirectAppendTarget"/>).
/// </summary>
internal static class DirectAppendSplice
{
    public const string ApplyExport = "primatomic-host-apply";

    private const byte CoreModuleSection = 1, CoreInstanceSection = 2, AliasSection = 6, TypeSection = 7, CanonSection = 8, ImportSection = 10, ExportSection = 11;
    private const byte CoreFuncSort = 0x00, CoreMemorySort = 0x02, CoreInstanceSort = 0x12, FuncSort = 0x01, InstanceSort = 0x05, StringType = 0x73;

    /// <summary>The component with the direct path added, or null when its <c>append</c> cannot be reached directly.</summary>
    /// <param name="directModule">direct.wat for a view with or without a post-return function (<see cref="HostAdapter.DirectModule"/>).</param>
    public static byte[]? TrySplice(ReadOnlySpan<byte> component, Func<bool, byte[]> directModule)
    {
        var spaces = ComponentIndexSpaces.Read(component);
        var target = spaces is null ? null : DirectAppendTarget.Find(component, spaces);
        if (spaces is null || target is null)
        {
            return null;
        }

        var types = spaces.Count(Space.Type);
        var instance = spaces.Count(Space.Instance);
        var func = spaces.Count(Space.Func);
        var coreFunc = spaces.Count(Space.CoreFunc);
        var coreModule = spaces.Count(Space.CoreModule);
        var coreInstance = spaces.Count(Space.CoreInstance);
        var coreMemory = spaces.Count(Space.CoreMemory);

        var writer = new ComponentWriter().Raw(component);
        writer.Section(TypeSection, s =>
        {
            s.U32(2);
            MeterType.Write(s);
            s.Byte(0x40).U32(1).Name("batch").Byte(StringType).Byte(0x01).Byte(0x00); // (func (param "batch" string))
        });
        writer.Section(ImportSection, s => s.U32(1).Byte(0x00).Name(ViewComposer.MeterInterface).Byte(InstanceSort).U32(types));
        writer.Section(AliasSection, s => s.U32(1).Byte(FuncSort).Byte(0x00).U32(instance).Name(MeterType.EventStart));
        writer.Section(CanonSection, s => s.U32(1).Byte(0x01).Byte(0x00).U32(func).U32(0));
        writer.Section(CoreModuleSection, s => s.Raw(directModule(target.PostReturn is not null)));
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

            s.Byte(0x00).U32(coreModule).U32(1).Name("view").Byte(CoreInstanceSort).U32(coreInstance);
        });
        var direct = coreInstance + 1;
        writer.Section(AliasSection, s => s.U32(3)
            .Byte(0x00).Byte(CoreMemorySort).Byte(0x01).U32(direct).Name("memory")
            .Byte(0x00).Byte(CoreFuncSort).Byte(0x01).U32(direct).Name("realloc")
            .Byte(0x00).Byte(CoreFuncSort).Byte(0x01).U32(direct).Name("apply"));
        writer.Section(CanonSection, s => s.U32(1).Byte(0x00).Byte(0x00).U32(coreFunc + 2)
            .U32(3).Byte(0x00).Byte(0x03).U32(coreMemory).Byte(0x04).U32(coreFunc + 1)
            .U32(types + 1));
        writer.Section(ExportSection, s => s.U32(1).Byte(0x00).Name(ApplyExport).Byte(FuncSort).U32(func + 1).Byte(0x00));
        return writer.ToArray();
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
