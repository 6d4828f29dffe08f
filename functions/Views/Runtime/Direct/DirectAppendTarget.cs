namespace Primatomic.Functions.Views.Runtime.Direct;

/// <summary>
/// The core function, memory, allocator and post-return function (componentize-js gives even result-less functions
/// one) that a component's exported <c>primatomic:machine/machine@0.0.1#append</c>
/// is lifted from, as indices of the component's own index spaces. Found by following the export through re-exports,
/// bundled instances and one level of instantiation (wit-component wraps exported interfaces in a small component that
/// re-exports its imports with type names).
/// </summary>
internal sealed record DirectAppendTarget(uint CoreFunc, uint Memory, uint Realloc, uint? PostReturn)
{
    public static DirectAppendTarget? Find(ReadOnlySpan<byte> component, ComponentIndexSpaces spaces)
    {
        if (!spaces.Exports.TryGetValue(ViewComposer.MachineInterface, out var export) || export.Space != Space.Instance)
        {
            return null;
        }

        var func = AppendOf(component, spaces, export.Index);
        return func is null ? null : LiftOf(spaces, func.Value);
    }

    /// <summary>The outer function index that instance <paramref name="instance"/> exports as <c>append</c>.</summary>
    private static uint? AppendOf(ReadOnlySpan<byte> component, ComponentIndexSpaces spaces, uint instance)
    {
        for (var hops = 0; hops < 16 && instance < spaces.Instances.Count; hops++)
        {
            switch (spaces.Instances[(int)instance])
            {
                case InstanceOrigin.Reexported re:
                    instance = re.Instance;
                    continue;
                case InstanceOrigin.Bundled bundle:
                    return bundle.Funcs.TryGetValue("append", out var f) ? f : null;
                case InstanceOrigin.Instantiated made when made.Component < spaces.Components.Count && spaces.Components[(int)made.Component] is { } range:
                    var inner = component[range];
                    var innerSpaces = ComponentIndexSpaces.Read(inner);
                    if (innerSpaces is null || !innerSpaces.Exports.TryGetValue("append", out var innerExport) || innerExport.Space != Space.Func)
                    {
                        return null;
                    }

                    return ImportNameOf(innerSpaces, innerExport.Index) is { } name && made.FuncArgs.TryGetValue(name, out var arg) ? arg : null;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The import that function <paramref name="func"/> of a nested component is, through re-exports.</summary>
    private static string? ImportNameOf(ComponentIndexSpaces spaces, uint func)
    {
        for (var hops = 0; hops < 16 && func < spaces.Funcs.Count; hops++)
        {
            switch (spaces.Funcs[(int)func])
            {
                case FuncOrigin.Reexported re:
                    func = re.Func;
                    continue;
                case FuncOrigin.Imported imported:
                    return imported.Name;
                default:
                    return null;
            }
        }

        return null;
    }

    private static DirectAppendTarget? LiftOf(ComponentIndexSpaces spaces, uint func)
    {
        for (var hops = 0; hops < 16 && func < spaces.Funcs.Count; hops++)
        {
            switch (spaces.Funcs[(int)func])
            {
                case FuncOrigin.Reexported re:
                    func = re.Func;
                    continue;
                case FuncOrigin.Lifted { Options: { Memory: { } memory, Realloc: { } realloc, Async: false } } lifted:
                    return new DirectAppendTarget(lifted.CoreFunc, memory, realloc, lifted.Options.PostReturn);
                default:
                    return null;
            }
        }

        return null;
    }
}
