namespace Primatomic.Functions.Views.Native;

/// <summary>A component's exports (name → WIT-like signature) and import names.</summary>
internal sealed record ComponentShape(IReadOnlyDictionary<string, string> Exports, IReadOnlyList<string> Imports);
