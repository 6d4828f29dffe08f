using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Every setting an options type reads, by its operator-facing name, with the form a value must take, derived from
/// the property's type and validation attributes so the message cannot drift from the check.
/// </summary>
public static class SettingForms
{
    private static readonly Lazy<IReadOnlyDictionary<string, PropertyInfo>> Properties = new(FindProperties);

    /// <summary>Setting name → the options property it binds to (ours only: found by <see cref="SettingAttribute"/>).</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> All => Properties.Value;

    /// <summary>The operator-facing name of an options property, or null when it is not a setting.</summary>
    public static string? NameOf(Type optionsType, string member) =>
        All.FirstOrDefault(pair => pair.Value.DeclaringType == optionsType && pair.Value.Name == member).Key;

    /// <summary>The form of a text setting whose validation message says more than its type can.</summary>
    public const string FreeText = "text";

    /// <summary>Whether the setting holds a secret, whose value is never echoed.</summary>
    public static bool IsSecret(string setting) =>
        All.TryGetValue(setting, out var property) && property.GetCustomAttribute<SettingAttribute>() is { Secret: true };

    /// <summary>What a value of <paramref name="setting"/> must look like, for example "a whole number from 1 to 64".</summary>
    public static string Describe(string setting) =>
        All.TryGetValue(setting, out var property) ? Describe(property) : "a value of the documented form (docs/operations.md)";

    public static string Describe(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var range = property.GetCustomAttribute<RangeAttribute>();
        var bounds = range is null ? "" : $" from {Format(range.Minimum)} to {Format(range.Maximum)}";
        if (type == typeof(int) || type == typeof(long))
        {
            return $"a whole number in digits{bounds}";
        }

        if (type == typeof(TimeSpan))
        {
            return $"a duration written [d.]hh:mm:ss[.fff], such as 00:00:10 for ten seconds{bounds}";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (property.GetCustomAttribute<RegularExpressionAttribute>() is { ErrorMessage: { } message })
        {
            // Our messages read "NAME must be <form>."; the form is the part worth repeating.
            var form = message.Split(" must be ", 2);
            return form.Length == 2 ? form[1].TrimEnd('.') : message.TrimEnd('.');
        }

        return type == typeof(Uri) ? "an absolute URI" : FreeText;
    }

    private static string Format(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    private static Dictionary<string, PropertyInfo> FindProperties()
    {
        var found = new Dictionary<string, PropertyInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in typeof(SettingForms).Assembly.GetTypes())
        {
            var section = type.GetCustomAttribute<SettingsSectionAttribute>()?.Section;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var name = property.GetCustomAttribute<SettingAttribute>()?.Name
                    ?? (section is null || !property.CanWrite ? null : $"{section}__{property.Name}");
                if (name is not null)
                {
                    found[name] = property;
                }
            }
        }

        return found;
    }
}
