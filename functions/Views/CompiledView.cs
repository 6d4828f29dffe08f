using System.Security.Cryptography;
using Wasmtime.Components;

namespace Primatomic.Functions.Views;

/// <summary>A validated, compiled component. Instantiate it as often as needed; dispose it when the view goes.</summary>
public sealed class CompiledView : IDisposable
{
    internal CompiledView(Component component, string contentHash, IReadOnlyList<string> imports)
    {
        Component = component;
        ContentHash = contentHash;
        Imports = imports;
    }

    internal Component Component { get; }

    /// <summary>Lower-case hex SHA-256 of the component binary.</summary>
    public string ContentHash { get; }

    /// <summary>Names of the component's imports; each traps if the view calls it.</summary>
    public IReadOnlyList<string> Imports { get; }

    /// <summary>The compiled artifact, loadable only by an engine with the same <see cref="ViewEngine.ConfigurationKey"/>.</summary>
    public byte[] Serialize() => Component.Serialize();

    public static string HashOf(ReadOnlySpan<byte> componentBytes) => Convert.ToHexStringLower(SHA256.HashData(componentBytes));

    public void Dispose() => Component.Dispose();
}
