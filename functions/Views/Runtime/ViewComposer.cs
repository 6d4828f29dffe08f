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
    /// <summary>What the adapter exports...</summary>
    public static readonly string[] AdapterFunctions = ["init", "apply", "query", "snapshot", "restore"];

    /// <summary>...and the names the host finds them under in the composed component (distinct from anything a view exports).</summary>
    public static readonly string[] HostExports = ["primatomic-host-init", "primatomic-host-apply", "primatomic-host-query", "primatomic-host-snapshot", "primatomic-host-restore"];

    private const byte ComponentSection = 4, InstanceSection = 5, AliasSection = 6, TypeSection = 7, ImportSection = 10, ExportSection = 11;

    /// <summary>
    /// Composes <paramref name="view"/> with the adapter by nesting both: the general path for components whose
    /// sections <see cref="Direct.ComponentIndexSpaces"/> cannot follow (<see cref="Direct.HostSplice"/> is the usual one).
    /// Needs the view's imports first (<see cref="ComponentOutline.ImportsFirst"/>).
    /// </summary>
    public static byte[] Compose(byte[] view, ComponentOutline outline, byte[] adapter)
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
            s.U32(1).Byte(0x00).U32(viewComponent).U32((uint)outline.Imports.Count);
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
            s.U32((uint)AdapterFunctions.Length);
            foreach (var name in AdapterFunctions)
            {
                s.Byte((byte)Sort.Func).Byte(0x00).U32(adapterInstance).Name(name);
            }
        });
        writer.Section(ExportSection, s =>
        {
            s.U32((uint)HostExports.Length);
            for (var i = 0; i < HostExports.Length; i++)
            {
                s.Byte(0x00).Name(HostExports[i]).Byte((byte)Sort.Func).U32(firstExport + (uint)i).Byte(0x00);
            }
        });
        return writer.ToArray();
    }
}
