namespace Primatomic.Functions.Views;

/// <summary>Where and why a view stopped: it applied every event before <see cref="Sequence"/> and none after.</summary>
public sealed record ViewFailure(long Sequence, string Message);
