namespace Primatomic.Client;

/// <summary>A deployed view.</summary>
/// <param name="Version">The deployment's version: 1, then one more for each redeploy.</param>
/// <param name="ContentHash">The component's hash.</param>
public sealed record ViewDeployment(long Version, string ContentHash);
