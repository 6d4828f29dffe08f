namespace Primatomic.Functions.Hosting;

/// <summary>
/// The setting an options property is read from, as the operator writes it (<c>RATE_LIMIT_RPS</c>), so a bad value
/// is reported by that name rather than by a C# member name.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string name) : Attribute
{
    public string Name => name;

    /// <summary>A secret: its value is never echoed in an error.</summary>
    public bool Secret { get; init; }
}

/// <summary>Options bound from a configuration section: each property is the setting <c>Section__Property</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SettingsSectionAttribute(string section) : Attribute
{
    public string Section => section;
}
