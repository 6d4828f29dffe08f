namespace Primatomic.Functions.Contract;

/// <summary>
/// The name a JSON shape has in the published document (<c>#/components/schemas/&lt;Name&gt;</c>) and so in every
/// client generated from it: short, a noun, and never renamed once published.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SchemaNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
