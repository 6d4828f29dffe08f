namespace Primatomic.Functions.Views.Runtime;

/// <summary>An import of a component's header, with the index its sort gives it there.</summary>
internal sealed record ComponentImport(string Name, Sort Sort, uint Index);

/// <summary>The component-level sorts of the binary format, plus core modules (which imports may name).</summary>
internal enum Sort : byte
{
    Func = 0x01,
    Value = 0x02,
    Type = 0x03,
    Component = 0x04,
    Instance = 0x05,
    CoreModule = 0x11,
    OtherCore = 0xFF,
}

/// <summary>
/// What <see cref="ViewComposer"/> needs to know of a tenant's component: where its header ends (the leading type,
/// import and alias sections that define its imports), each import with its index, how many items of each sort the
/// header defines, and the names of its top-level exports.
/// </summary>
internal sealed record ComponentOutline(int HeaderEnd, IReadOnlyList<ComponentImport> Imports, IReadOnlyDictionary<Sort, uint> HeaderCounts,
    IReadOnlyList<string> Exports, bool ImportsFirst)
{
    private const byte CustomSection = 0, CoreTypeSection = 3, AliasSection = 6, TypeSection = 7, ImportSection = 10, ExportSection = 11;

    public static ComponentOutline Read(ReadOnlySpan<byte> component)
    {
        var reader = new ComponentReader(component, 8);
        var counts = new Dictionary<Sort, uint>();
        var imports = new List<ComponentImport>();
        var exports = new List<string>();
        var headerEnd = 8;
        var inHeader = true;
        var importsFirst = true;
        while (!reader.AtEnd)
        {
            var id = reader.Byte();
            var size = (int)reader.U32();
            var start = reader.Position;
            reader.Skip(size);
            var section = new ComponentReader(component[..reader.Position], start);
            inHeader &= id is CustomSection or CoreTypeSection or AliasSection or TypeSection or ImportSection;
            switch (id)
            {
                case TypeSection when inHeader:
                    Add(counts, Sort.Type, section.U32());
                    break;
                case AliasSection when inHeader:
                    ReadAliases(ref section, counts);
                    break;
                case ImportSection when inHeader:
                    ReadImports(ref section, counts, imports);
                    break;
                case ImportSection:
                    importsFirst = false; // fine for HostSplice; the nesting composition cannot take it
                    break;
                case ExportSection:
                    ReadExports(ref section, exports);
                    break;
            }

            if (inHeader)
            {
                headerEnd = reader.Position;
            }
        }

        return new ComponentOutline(headerEnd, imports, counts, exports, importsFirst);
    }

    private static void ReadImports(ref ComponentReader section, Dictionary<Sort, uint> counts, List<ComponentImport> imports)
    {
        for (var count = section.U32(); count > 0; count--)
        {
            var name = section.ExternName();
            var sort = section.Byte() switch
            {
                0x00 when section.Byte() == 0x11 => Sort.CoreModule,
                0x01 => Sort.Func,
                0x03 => Sort.Type,
                0x04 => Sort.Component,
                0x05 => Sort.Instance,
                var other => throw new InvalidViewException($"The component imports `{name}` as something this host cannot link (kind 0x{other:x2})."),
            };
            if (sort == Sort.Type && section.Byte() != 0x00)
            {
                imports.Add(new ComponentImport(name, sort, Next(counts, sort))); // (sub resource): no type index follows
                continue;
            }

            section.U32(); // the type index that describes it
            imports.Add(new ComponentImport(name, sort, Next(counts, sort)));
        }
    }

    private static void ReadAliases(ref ComponentReader section, Dictionary<Sort, uint> counts)
    {
        for (var count = section.U32(); count > 0; count--)
        {
            var sortByte = section.Byte();
            var sort = sortByte == 0x00 ? (section.Byte() == 0x11 ? Sort.CoreModule : Sort.OtherCore) : (Sort)sortByte;
            switch (section.Byte())
            {
                case 0x00 or 0x01: // export of an instance or a core instance
                    section.U32();
                    section.Name();
                    break;
                default: // outer
                    section.U32();
                    section.U32();
                    break;
            }

            Next(counts, sort);
        }
    }

    private static void ReadExports(ref ComponentReader section, List<string> exports)
    {
        for (var count = section.U32(); count > 0; count--)
        {
            exports.Add(section.ExternName());
            if (section.Byte() == 0x00)
            {
                section.Byte(); // core sort
            }

            section.U32();
            if (section.Byte() == 0x01)
            {
                SkipExternDesc(ref section);
            }
        }
    }

    private static void SkipExternDesc(ref ComponentReader section)
    {
        switch (section.Byte())
        {
            case 0x00:
                section.Byte();
                section.U32();
                break;
            case 0x03:
                if (section.Byte() == 0x00)
                {
                    section.U32();
                }

                break;
            default:
                section.U32();
                break;
        }
    }

    private static uint Next(Dictionary<Sort, uint> counts, Sort sort)
    {
        var index = counts.GetValueOrDefault(sort);
        counts[sort] = index + 1;
        return index;
    }

    private static void Add(Dictionary<Sort, uint> counts, Sort sort, uint count) => counts[sort] = counts.GetValueOrDefault(sort) + count;
}
