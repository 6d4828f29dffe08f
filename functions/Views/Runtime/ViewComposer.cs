using Primatomic.Functions.Views.Runtime.Direct;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// Wraps a tenant's component and the host adapter (adapter.wat) into one component, without changing either:
/// <code>
/// (component
///   ;; the tenant's header, copied: its types and imports keep their indices, so they can be passed straight on
///   (import "primatomic:host/meter@0.0.1" (instance ...))
///   (component $view ...tenant bytes...)   (component $adapter ...)
///   (instance $v (instantiate $view (with "import" (... the same import)) ...))
///   (instance $a (instantiate $adapter (with "primatomic:machine/machine@0.0.1" (instance $v "primatomic:machine/machine@0.0.1"))
///                                      (with "primatomic:host/meter@0.0.1" (instance $meter))))
///   (export "init" (func $a "init")) ... apply, query, snapshot, restore)
/// </code>
/// Wasmtime then type-checks the tenant's export against the published WIT, and compiles the calls from the adapter
/// to the view into fused adapters, so the host's one call per batch becomes one <c>append</c> per event in wasm.
/// </summary>
internal static class ViewComposer
{
    public const string MachineInterface = "primatomic:machine/machine@0.0.1";
    public const string MeterInterface = "primatomic:host/meter@0.0.1";
    public static readonly string[] AdapterExports = ["init", "apply", "query", "snapshot", "restore"];

    private const byte ComponentSection = 4, InstanceSection = 5, AliasSection = 6, TypeSection = 7, ImportSection = 10, ExportSection = 11;

    /// <summary>
    /// Composes <paramref name="view"/> (the tenant's component, or the same with the direct append path spliced in,
    /// <paramref name="direct"/>: then the view itself imports the meter and exports the batch apply) with the adapter.
    /// </summary>
    public static byte[] Compose(byte[] view, ComponentOutline outline, byte[] adapter, bool direct)
    {
        var counts = outline.HeaderCounts;
        var meterType = counts.GetValueOrDefault(Sort.Type);
        var meter = counts.GetValueOrDefault(Sort.Instance);
        var viewComponent = counts.GetValueOrDefault(Sort.Component);
        var viewInstance = meter + 1;
        var machine = viewInstance + 1;
        var adapterInstance = machine + 1;
        var firstExport = counts.GetValueOrDefault(Sort.Func);

        var writer = new ComponentWriter().Raw(view.AsSpan(0, outline.HeaderEnd));
        // (type (instance (type (func)) (export "event-start" (func (type 0)))))
        writer.Section(TypeSection, s => MeterType.Write(s.U32(1)));
        writer.Section(ImportSection, s => s.U32(1).Byte(0x00).Name(MeterInterface).Byte((byte)Sort.Instance).U32(meterType));
        writer.Section(ComponentSection, s => s.Raw(view));
        writer.Section(ComponentSection, s => s.Raw(adapter));
        writer.Section(InstanceSection, s =>
        {
            s.U32(1).Byte(0x00).U32(viewComponent).U32((uint)outline.Imports.Count + (direct ? 1u : 0u));
            if (direct)
            {
                s.Name(MeterInterface).Byte((byte)Sort.Instance).U32(meter);
            }

            foreach (var import in outline.Imports)
            {
                s.Name(import.Name);
                if (import.Sort == Sort.CoreModule)
                {
                    s.Byte(0x00);
                }

                s.Byte((byte)import.Sort).U32(import.Index);
            }
        });
        writer.Section(AliasSection, s => s.U32(1).Byte((byte)Sort.Instance).Byte(0x00).U32(viewInstance).Name(MachineInterface));
        writer.Section(InstanceSection, s => s.U32(1).Byte(0x00).U32(viewComponent + 1).U32(2)
            .Name(MachineInterface).Byte((byte)Sort.Instance).U32(machine)
            .Name(MeterInterface).Byte((byte)Sort.Instance).U32(meter));
        writer.Section(AliasSection, s =>
        {
            s.U32((uint)AdapterExports.Length);
            foreach (var name in AdapterExports)
            {
                var fromView = direct && name == "apply";
                s.Byte((byte)Sort.Func).Byte(0x00).U32(fromView ? viewInstance : adapterInstance).Name(fromView ? DirectAppendSplice.ApplyExport : name);
            }
        });
        writer.Section(ExportSection, s =>
        {
            s.U32((uint)AdapterExports.Length);
            for (var i = 0; i < AdapterExports.Length; i++)
            {
                s.Byte(0x00).Name(AdapterExports[i]).Byte((byte)Sort.Func).U32(firstExport + (uint)i).Byte(0x00);
            }
        });
        return writer.ToArray();
    }
}
