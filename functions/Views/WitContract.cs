namespace Primatomic.Functions.Views;

/// <summary>The exports a view must have, exactly as wit/machine.wit declares them (world <c>primatomic:machine/machine</c>).</summary>
public static class WitContract
{
    public const string Apply = "apply";
    public const string Query = "query";
    public const string Snapshot = "snapshot";
    public const string Restore = "restore";

    public static readonly IReadOnlyDictionary<string, string> Exports = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Apply] = "func(batch: string) -> result<_, string>",
        [Query] = "func(input: string) -> result<string, string>",
        [Snapshot] = "func() -> string",
        [Restore] = "func(state: string) -> result<_, string>",
    };
}
