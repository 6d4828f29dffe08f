namespace Primatomic.Functions.Contract;

/// <summary>
/// A body that is bytes, not JSON: its media type, what the bytes are, an example of them as text, and whether it may
/// be left out (empty).
/// </summary>
public sealed record RawContent(string ContentType, string Description, string Example, bool Required = true);
