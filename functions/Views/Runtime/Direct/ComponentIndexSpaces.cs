namespace Primatomic.Functions.Views.Runtime.Direct;

/// <summary>Where a component-level function came from, as far as the direct append path needs to know.</summary>
internal abstract record FuncOrigin
{
    public sealed record Lifted(uint CoreFunc, CanonOptions Options) : FuncOrigin;

    public sealed record Imported(string Name) : FuncOrigin;

    public sealed record Reexported(uint Func) : FuncOrigin;

    public sealed record Other : FuncOrigin;
}

/// <summary>Where a component-level instance came from.</summary>
internal abstract record InstanceOrigin
{
    public sealed record Instantiated(uint Component, IReadOnlyDictionary<string, uint> FuncArgs) : InstanceOrigin;

    public sealed record Bundled(IReadOnlyDictionary<string, uint> Funcs) : InstanceOrigin;

    public sealed record Reexported(uint Instance) : InstanceOrigin;

    public sealed record Other : InstanceOrigin;
}

/// <summary>The options of a <c>canon lift</c>; null members were not given.</summary>
internal sealed record CanonOptions(uint? Memory, uint? Realloc, uint? PostReturn, bool Async, bool Utf8);

/// <summary>Index spaces of the component binary format: component-level sorts, and core sorts (0x00 + core sort).</summary>
internal readonly record struct Space(bool Core, byte Sort)
{
    public static readonly Space CoreFunc = new(true, 0x00), CoreMemory = new(true, 0x02), CoreModule = new(true, 0x11), CoreInstance = new(true, 0x12);
    public static readonly Space Func = new(false, 0x01), Type = new(false, 0x03), Component = new(false, 0x04), Instance = new(false, 0x05);
}

/// <summary>
/// Walks every section of one component (not into nested ones) and records how many items each index space ends
/// with, where functions and instances came from, the byte ranges of nested components, and the exports. Anything
/// this walk does not understand makes <see cref="Read"/> return null: the caller then uses the general path.
/// </summary>
internal sealed class ComponentIndexSpaces
{
    private readonly Dictionary<Space, uint> counts = [];

    public List<FuncOrigin> Funcs { get; } = [];

    public List<InstanceOrigin> Instances { get; } = [];

    /// <summary>Per component index: the byte range of a component defined here, or null for an imported or aliased one.</summary>
    public List<Range?> Components { get; } = [];

    public Dictionary<string, (Space Space, uint Index)> Exports { get; } = [];

    public uint Count(Space space) => counts.GetValueOrDefault(space);

    public static ComponentIndexSpaces? Read(ReadOnlySpan<byte> component)
    {
        var spaces = new ComponentIndexSpaces();
        try
        {
            var reader = new ComponentReader(component, 8);
            while (!reader.AtEnd)
            {
                var id = reader.Byte();
                var size = (int)reader.U32();
                var start = reader.Position;
                reader.Skip(size);
                var section = new ComponentReader(component[..reader.Position], start);
                if (!spaces.ReadSection(id, ref section, start..reader.Position))
                {
                    return null;
                }
            }
        }
        catch (InvalidViewException)
        {
            return null;
        }

        return spaces;
    }

    private bool ReadSection(byte id, ref ComponentReader section, Range range)
    {
        switch (id)
        {
            case 0: return true; // custom
            case 1: Next(Space.CoreModule); return true;
            case 2: return SectionItems.CoreInstances(ref section, this);
            case 3: Add(new Space(true, 0x10), section.U32()); return true;
            case 4: Next(Space.Component); Components[^1] = range; return true;
            case 5: return SectionItems.Instances(ref section, this);
            case 6: return SectionItems.Aliases(ref section, this);
            case 7: Add(Space.Type, section.U32()); return true;
            case 8: return SectionItems.Canons(ref section, this);
            case 10: return SectionItems.Imports(ref section, this);
            case 11: return SectionItems.ExportsOf(ref section, this);
            default: return false; // start, values and anything newer
        }
    }

    /// <summary>Adds one item to <paramref name="space"/>, recording its origin for functions and instances.</summary>
    public uint Next(Space space, FuncOrigin? func = null, InstanceOrigin? instance = null)
    {
        var index = Count(space);
        counts[space] = index + 1;
        if (space == Space.Func)
        {
            Funcs.Add(func ?? new FuncOrigin.Other());
        }
        else if (space == Space.Instance)
        {
            Instances.Add(instance ?? new InstanceOrigin.Other());
        }
        else if (space == Space.Component)
        {
            Components.Add(null);
        }

        return index;
    }

    private void Add(Space space, uint count) => counts[space] = Count(space) + count;
}
