namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// Refuses components with a function body larger than the cap, before anything compiles: compile time and memory
/// grow faster than linearly with one function's size (a 4 MB function took ~20 s and ~2 GB), while real toolchains
/// keep functions far smaller (see docs/views.md, "Limits"). Walks every core module, in nested components too.
/// </summary>
internal static class FunctionBodies
{
    private const byte CoreModuleSection = 1, ComponentSection = 4, CodeSection = 10;

    public static void Check(ReadOnlySpan<byte> component, int maxBodyBytes) => Walk(component, maxBodyBytes, isComponent: true);

    private static void Walk(ReadOnlySpan<byte> binary, int maxBodyBytes, bool isComponent)
    {
        var reader = new ComponentReader(binary, 8);
        var function = 0;
        while (!reader.AtEnd)
        {
            var id = reader.Byte();
            var size = (int)reader.U32();
            var start = reader.Position;
            reader.Skip(size);
            var content = binary[start..reader.Position];
            if (isComponent && id is CoreModuleSection)
            {
                Walk(content, maxBodyBytes, isComponent: false);
            }
            else if (isComponent && id is ComponentSection)
            {
                Walk(content, maxBodyBytes, isComponent: true);
            }
            else if (!isComponent && id is CodeSection)
            {
                var code = new ComponentReader(content, 0);
                for (var count = code.U32(); count > 0; count--, function++)
                {
                    var bodySize = code.U32();
                    if (bodySize > maxBodyBytes)
                    {
                        throw new InvalidViewException(
                            $"Function {function} of a core module is {bodySize} bytes; the limit is {maxBodyBytes} (Views__MaxFunctionBodyBytes). Split it, or build with optimizations.");
                    }

                    code.Skip((int)bodySize);
                }
            }
        }
    }
}
