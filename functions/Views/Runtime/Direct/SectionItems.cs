namespace Primatomic.Functions.Views.Runtime.Direct;

/// <summary>Reads the items of one section for <see cref="ComponentIndexSpaces"/>; false means "not understood".</summary>
internal static class SectionItems
{
    public static bool CoreInstances(ref ComponentReader s, ComponentIndexSpaces spaces)
    {
        for (var n = s.U32(); n > 0; n--)
        {
            switch (s.Byte())
            {
                case 0x00: // instantiate module with (name, 0x12 instance) args
                    s.U32();
                    for (var args = s.U32(); args > 0; args--)
                    {
                        s.Name();
                        s.Byte();
                        s.U32();
                    }

                    break;
                case 0x01: // from exports: (name, core sort, index)
                    for (var exports = s.U32(); exports > 0; exports--)
                    {
                        s.Name();
                        s.Byte();
                        s.U32();
                    }

                    break;
                default: return false;
            }

            spaces.Next(Space.CoreInstance);
        }

        return true;
    }

    public static bool Instances(ref ComponentReader s, ComponentIndexSpaces spaces)
    {
        for (var n = s.U32(); n > 0; n--)
        {
            var kind = s.Byte();
            var component = kind == 0x00 ? s.U32() : 0;
            if (kind is not (0x00 or 0x01))
            {
                return false;
            }

            var funcs = new Dictionary<string, uint>();
            for (var items = s.U32(); items > 0; items--)
            {
                var name = kind == 0x00 ? s.Name() : s.ExternName();
                var (space, index) = SortIndex(ref s);
                if (space == Space.Func)
                {
                    funcs[name] = index;
                }
            }

            spaces.Next(Space.Instance, instance: kind == 0x00 ? new InstanceOrigin.Instantiated(component, funcs) : new InstanceOrigin.Bundled(funcs));
        }

        return true;
    }

    public static bool Aliases(ref ComponentReader s, ComponentIndexSpaces spaces)
    {
        for (var n = s.U32(); n > 0; n--)
        {
            var space = Sort(ref s);
            switch (s.Byte())
            {
                case 0x00 or 0x01: // export of an instance or a core instance
                    s.U32();
                    s.Name();
                    break;
                case 0x02: // outer
                    s.U32();
                    s.U32();
                    break;
                default: return false;
            }

            spaces.Next(space);
        }

        return true;
    }

    public static bool Canons(ref ComponentReader s, ComponentIndexSpaces spaces)
    {
        for (var n = s.U32(); n > 0; n--)
        {
            switch (s.Byte())
            {
                case 0x00 when s.Byte() == 0x00: // lift
                    var core = s.U32();
                    var options = Options(ref s);
                    s.U32(); // type
                    spaces.Next(Space.Func, func: options is null ? new FuncOrigin.Other() : new FuncOrigin.Lifted(core, options));
                    break;
                case 0x01 when s.Byte() == 0x00: // lower
                    s.U32();
                    Options(ref s);
                    spaces.Next(Space.CoreFunc);
                    break;
                case 0x02 or 0x03 or 0x04 or 0x07: // resource.new, .drop, .rep, .drop async
                    s.U32();
                    spaces.Next(Space.CoreFunc);
                    break;
                default: return false; // async built-ins: leave such components to the general path
            }
        }

        return true;
    }

    public static bool Imports(ref ComponentReader s, ComponentIndexSpaces spaces)
    {
        for (var n = s.U32(); n > 0; n--)
        {
            var name = s.ExternName();
            var space = ExternDesc(ref s);
            spaces.Next(space, func: new FuncOrigin.Imported(name));
        }

        return true;
    }

    public static bool ExportsOf(ref ComponentReader s, ComponentIndexSpaces spaces)
    {
        for (var n = s.U32(); n > 0; n--)
        {
            var name = s.ExternName();
            var (space, index) = SortIndex(ref s);
            if (s.Byte() == 0x01)
            {
                ExternDesc(ref s);
            }

            spaces.Exports[name] = (space, index);
            spaces.Next(space, func: new FuncOrigin.Reexported(index), instance: new InstanceOrigin.Reexported(index));
        }

        return true;
    }

    /// <summary>The canon options of a lift or lower, or null if they include ones the direct path cannot honour.</summary>
    private static CanonOptions? Options(ref ComponentReader s)
    {
        uint? memory = null, realloc = null, postReturn = null;
        bool isAsync = false, utf8 = true, known = true;
        for (var n = s.U32(); n > 0; n--)
        {
            switch (s.Byte())
            {
                case 0x00: break;
                case 0x01 or 0x02: utf8 = false; break;
                case 0x03: memory = s.U32(); break;
                case 0x04: realloc = s.U32(); break;
                case 0x05: postReturn = s.U32(); break;
                case 0x06: isAsync = true; break;
                case 0x07 or 0x08: s.U32(); known = false; break; // callback, core type
                default: known = false; break;
            }
        }

        return known ? new CanonOptions(memory, realloc, postReturn, isAsync, utf8) : null;
    }

    private static (Space Space, uint Index) SortIndex(ref ComponentReader s) => (Sort(ref s), s.U32());

    private static Space Sort(ref ComponentReader s)
    {
        var sort = s.Byte();
        return sort == 0x00 ? new Space(true, s.Byte()) : new Space(false, sort);
    }

    private static Space ExternDesc(ref ComponentReader s)
    {
        var kind = s.Byte();
        switch (kind)
        {
            case 0x00: // core module
                s.Byte();
                s.U32();
                return Space.CoreModule;
            case 0x02: // value bound: eq i, or a value type
                s.Byte();
                s.U32();
                return new Space(false, 0x02);
            case 0x03: // type bound: eq i, or sub resource
                if (s.Byte() == 0x00)
                {
                    s.U32();
                }

                return Space.Type;
            default:
                s.U32();
                return new Space(false, kind);
        }
    }
}
