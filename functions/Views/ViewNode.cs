namespace Primatomic.Functions.Views;

/// <summary>This process's identity in leader elections and stats.</summary>
public static class ViewNode
{
    public static readonly string Id = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
