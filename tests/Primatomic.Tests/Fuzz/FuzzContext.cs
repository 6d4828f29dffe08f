namespace Primatomic.Tests.Fuzz;

/// <summary>What a fuzz case may use to look valid: the service's port, real tokens and ids of things that exist.</summary>
internal sealed record FuzzContext(int Port, string OwnerToken, string AdminToken, string TenantId, string LogId, string ViewName, string KeyId);

/// <summary>One route of the app as its EndpointDataSource lists it.</summary>
internal sealed record FuzzRoute(string Template, IReadOnlyList<string> Methods)
{
    public override string ToString() => $"{string.Join('|', Methods)} {Template}";
}

/// <summary>
/// One generated request: the bytes on the wire and a short description for the failure list. <paramref name="HasBadQuery"/>:
/// it carries an invalid or unknown query parameter (every query the fuzzer writes is one).
/// </summary>
internal sealed record FuzzCase(int Index, string Description, byte[] Bytes, bool ExpectsBody, bool HasBadQuery, string Template);
