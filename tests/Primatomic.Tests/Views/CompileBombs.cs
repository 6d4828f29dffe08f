using System.Text;

namespace Primatomic.Tests.Views;

/// <summary>
/// Counter views that also carry huge functions, never called: costly to compile (time and memory grow with one
/// function's size and its live values), cheap to upload. About 9.3 bytes of binary per statement.
/// </summary>
internal static class CompileBombs
{
    private const int Locals = 500;

    /// <summary>One function of <paramref name="statements"/> statements (140,000: ~1.3 MB, ~300 MB and seconds to compile).</summary>
    public static byte[] OneHugeFunction(int statements, int seed = 0) => Counter(functions: 1, statements, seed);

    /// <summary>Many functions of 25,000 statements each (~0.2 s of compiling each).</summary>
    public static byte[] ManyFunctions(int functions) => Counter(functions, 25_000, seed: 0);

    private static byte[] Counter(int functions, int statements, int seed)
    {
        var random = new Random(HashCode.Combine(functions, statements, seed));
        var forms = new StringBuilder();
        for (var f = 0; f < functions; f++)
        {
            forms.Append("(func $bomb").Append(f).Append(" (export \"bomb").Append(f).Append("\") (param $x i32) (result i32) (local");
            forms.Insert(forms.Length, " i32", Locals).Append(')');
            for (var i = 0; i < statements; i++)
            {
                // values stay live across the whole body, which is what makes register allocation expensive
                forms.Append(" (local.set ").Append(1 + random.Next(Locals)).Append(" (i32.add (local.get ").Append(1 + random.Next(Locals))
                    .Append(") (local.get ").Append(random.Next(Locals + 1)).Append(")))");
            }

            forms.Append(" (local.get 1))\n");
        }

        // after the counter's exported memory, as WatFixtures adds forms, but in one insertion
        var counter = File.ReadAllText(WatFixtures.PathOf("counter"));
        const string Memory = "(memory (export \"memory\") 1)";
        return WatFixtures.ToBinary(counter.Insert(counter.IndexOf(Memory, StringComparison.Ordinal) + Memory.Length, "\n" + forms));
    }
}
