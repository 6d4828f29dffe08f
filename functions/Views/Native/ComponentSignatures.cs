using System.Text;
using Wasmtime;
using Wasmtime.Components;
using static Primatomic.Functions.Views.Native.ComponentTypeNative;

namespace Primatomic.Functions.Views.Native;

/// <summary>
/// Describes a compiled component's imports and exports in WIT-like text, e.g.
/// <c>func(batch: string) -> result&lt;_, string&gt;</c>, so validation compares whole signatures
/// and error messages show both sides.
/// </summary>
internal static unsafe class ComponentSignatures
{
    public static ComponentShape Describe(Engine engine, Component component)
    {
        var enginePtr = WasmtimeHandles.Of(engine);
        var type = wasmtime_component_type(WasmtimeHandles.Of(component));
        try
        {
            var exports = new Dictionary<string, string>(StringComparer.Ordinal);
            var exportCount = wasmtime_component_type_export_count(type, enginePtr);
            for (nuint i = 0; i < exportCount; i++)
            {
                if (wasmtime_component_type_export_nth(type, enginePtr, i, out var name, out var length, out var external))
                {
                    exports[Utf8(name, length)] = DescribeExtern(external);
                }
            }

            var imports = new List<string>();
            var importCount = wasmtime_component_type_import_count(type, enginePtr);
            for (nuint i = 0; i < importCount; i++)
            {
                if (wasmtime_component_type_import_nth(type, enginePtr, i, out var name, out var length, out var external))
                {
                    wasmtime_component_extern_delete(external);
                    imports.Add(Utf8(name, length));
                }
            }

            GC.KeepAlive(engine);
            GC.KeepAlive(component);
            return new ComponentShape(exports, imports);
        }
        finally
        {
            wasmtime_component_type_delete(type);
        }
    }

    private static string DescribeExtern(IntPtr external)
    {
        var item = stackalloc byte[UnionBytes];
        wasmtime_component_extern_type(external, item);
        try
        {
            return item[0] == ItemComponentFunc ? DescribeFunc(*(IntPtr*)(item + 8)) : ItemKind(item[0]);
        }
        finally
        {
            wasmtime_component_item_delete(item);
            wasmtime_component_extern_delete(external);
        }
    }

    private static string DescribeFunc(IntPtr funcType)
    {
        var text = new StringBuilder("func(");
        var count = wasmtime_component_func_type_param_count(funcType);
        var valType = stackalloc byte[UnionBytes];
        for (nuint i = 0; i < count; i++)
        {
            if (!wasmtime_component_func_type_param_nth(funcType, i, out var name, out var length, valType))
            {
                continue;
            }

            text.Append(i == 0 ? "" : ", ").Append(Utf8(name, length)).Append(": ").Append(TakeValType(valType));
        }

        text.Append(')');
        var result = stackalloc byte[UnionBytes];
        if (wasmtime_component_func_type_result(funcType, result))
        {
            text.Append(" -> ").Append(TakeValType(result));
        }

        return text.ToString();
    }

    /// <summary>Describes a value type and releases it.</summary>
    private static string TakeValType(byte* valType)
    {
        try
        {
            return DescribeValType(valType);
        }
        finally
        {
            wasmtime_component_valtype_delete(valType);
        }
    }

    private static string DescribeValType(byte* valType)
    {
        var payload = *(IntPtr*)(valType + 8);
        var inner = stackalloc byte[UnionBytes];
        var other = stackalloc byte[UnionBytes];
        switch (valType[0])
        {
            case 13:
                wasmtime_component_list_type_element(payload, inner);
                return $"list<{TakeValType(inner)}>";
            case 18:
                wasmtime_component_option_type_ty(payload, inner);
                return $"option<{TakeValType(inner)}>";
            case 19:
                var ok = wasmtime_component_result_type_ok(payload, inner) ? TakeValType(inner) : "_";
                var err = wasmtime_component_result_type_err(payload, other) ? TakeValType(other) : null;
                return err is null ? $"result<{ok}>" : $"result<{ok}, {err}>";
            default:
                return ValTypeName(valType[0]);
        }
    }

    private static string ValTypeName(byte tag) => tag switch
    {
        0 => "bool", 1 => "s8", 2 => "s16", 3 => "s32", 4 => "s64",
        5 => "u8", 6 => "u16", 7 => "u32", 8 => "u64", 9 => "f32", 10 => "f64",
        11 => "char", 12 => "string", 14 => "record", 15 => "tuple", 16 => "variant",
        17 => "enum", 20 => "flags", 21 => "own", 22 => "borrow", 23 => "future", 24 => "stream",
        _ => $"type#{tag}",
    };

    private static string ItemKind(byte tag) => tag switch
    {
        0 => "component", 1 => "instance", 2 => "core module", 4 => "resource", 5 => "core func", 6 => "type",
        _ => $"item#{tag}",
    };

    private static string Utf8(byte* name, nuint length) => Encoding.UTF8.GetString(name, checked((int)length));
}
