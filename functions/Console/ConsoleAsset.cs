namespace Primatomic.Functions.WebConsole;

/// <summary>One embedded console file as served: its bytes, content type and strong ETag (quoted).</summary>
public sealed record ConsoleAsset(byte[] Bytes, string ContentType, string ETag);
