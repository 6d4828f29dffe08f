using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Binds and validates every setting before the server starts, and turns each bad one into one line naming the
/// setting, its value and the form it must take: an operator who typed <c>2s</c> for a duration needs that, not the
/// 30-line stack trace the host would print.
/// </summary>
public static partial class SettingsCheck
{
    /// <summary>Writes each problem as one line to <paramref name="error"/>; true when every setting is good.</summary>
    public static bool Passes(IServiceProvider services, TextWriter error)
    {
        var problems = Run(services);
        foreach (var line in problems)
        {
            error.WriteLine(line);
        }

        return problems.Count == 0;
    }

    /// <summary>The problems found, one line each; empty when every setting is good.</summary>
    public static IReadOnlyList<string> Run(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (Exception e) when (Describe(e, services.GetRequiredService<IConfiguration>()) is { Count: > 0 } lines)
        {
            return lines;
        }
    }

    /// <summary>Lines for a binding or validation failure; empty for anything else (which then surfaces as it is).</summary>
    public static IReadOnlyList<string> Describe(Exception exception, IConfiguration configuration) => exception switch
    {
        AggregateException all => all.InnerExceptions.SelectMany(inner => Describe(inner, configuration)).ToList(),
        OptionsValidationException invalid => invalid.Failures.Select(failure => ValidationLine(invalid.OptionsType, failure, configuration)).ToList(),
        InvalidOperationException { Message: var message } when ConversionFailure().Match(message) is { Success: true } match =>
            [ConversionLine(match.Groups["path"].Value, configuration)],
        { InnerException: { } inner } => Describe(inner, configuration),
        _ => [],
    };

    private static string ConversionLine(string path, IConfiguration configuration)
    {
        var setting = path.Replace(":", "__", StringComparison.Ordinal);
        return $"Setting {setting}={ValueOf(setting, configuration)} is not valid: expected {SettingForms.Describe(setting)}.";
    }

    private static string ValidationLine(Type optionsType, string failure, IConfiguration configuration)
    {
        // DataAnnotations failures read "... members: 'Member' with the error: 'message'".
        var member = AnnotationFailure().Match(failure) is { Success: true } match ? match.Groups["member"].Value : null;
        var error = AnnotationError().Match(failure) is { Success: true } found ? found.Groups["error"].Value : failure;
        var setting = member is null ? null : SettingForms.NameOf(optionsType, member);
        if (setting is null)
        {
            return $"Setting problem: {error}";
        }

        var form = SettingForms.Describe(setting);
        return $"Setting {setting}={ValueOf(setting, configuration)} is not valid: " +
            (form == SettingForms.FreeText ? error : $"expected {form}.");
    }

    private static string ValueOf(string setting, IConfiguration configuration) =>
        configuration[setting.Replace("__", ":", StringComparison.Ordinal)] is not { } value ? "(unset)"
        : SettingForms.IsSecret(setting) ? "(hidden)"
        : $"\"{value}\"";

    [GeneratedRegex(@"^Failed to convert configuration value .* at '(?<path>[^']+)' to type '[^']+'\.$", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"members: '(?<member>[^']+)' with the error", RegexOptions.Singleline)]
    private static partial Regex AnnotationFailure();

    [GeneratedRegex(@"with the error: '(?<error>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex AnnotationError();
}
