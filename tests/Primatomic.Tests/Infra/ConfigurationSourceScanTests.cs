using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Primatomic.Functions.Hosting;
using Primatomic.Testing;

namespace Primatomic.Tests.Infra;

/// <summary>
/// Reads the handler's source for every configuration key it names, and the function definitions for every
/// <c>%SETTING%</c> and connection they use, and checks each is in <see cref="AppSettingsCatalog"/>.
/// </summary>
public sealed partial class ConfigurationSourceScanTests
{
    private static readonly Assembly Functions = typeof(AppSettingsCatalog).Assembly;

    [Fact]
    public void Every_configuration_key_the_handler_reads_is_in_the_catalogue()
    {
        var keys = KeysReadByHandler();

        // The scan itself must work: these are read in Program's set-up through each kind of access it recognises.
        Assert.Superset(
            new HashSet<string>(["STORAGE_NAME_PREFIX", "AzureWebJobsStorage", "AzureWebJobsStorage__accountName", "JWT_ISSUER",
                "RATE_LIMIT_RPS", "FUNCTIONS_CUSTOMHANDLER_PORT", "Views__FuelPerEvent"], StringComparer.OrdinalIgnoreCase),
            keys);
        var missing = keys.Where(key => AppSettingsCatalog.Find(key) is null).Order().ToList();
        Assert.True(missing.Count == 0, $"read by functions/ but not in AppSettingsCatalog: [{string.Join(", ", missing)}]");
    }

    [Fact]
    public void Every_setting_the_catalogue_says_the_handler_reads_is_read_by_the_handler()
    {
        // ASP.NET Core itself reads these from the environment; our code never names them.
        string[] readByTheFramework = ["ASPNETCORE_ENVIRONMENT", "Logging__LogLevel__Default"];
        var keys = KeysReadByHandler();
        var unread = AppSettingsCatalog.All
            .Where(s => s.ReadBy is SettingReader.Handler or SettingReader.Both && !readByTheFramework.Contains(s.Name) && !keys.Contains(s.Name))
            .Select(s => s.Name).ToList();
        Assert.True(unread.Count == 0, $"in AppSettingsCatalog as read by the handler, but functions/ never reads: [{string.Join(", ", unread)}]");
    }

    [Fact]
    public void Every_setting_a_function_definition_names_is_in_the_catalogue()
    {
        var definitions = Directory.EnumerateFiles(RepoPaths.Combine("functions"), "function.json", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path))
            .Append(RepoPaths.Combine("host.json"));
        var missing = new List<string>();
        foreach (var path in definitions)
        {
            var text = File.ReadAllText(path);
            foreach (Match match in PercentReference().Matches(text))
            {
                if (AppSettingsCatalog.Find(match.Groups[1].Value) is null)
                {
                    missing.Add($"%{match.Groups[1].Value}% in {Path.GetRelativePath(RepoPaths.Root, path)}");
                }
            }

            // A binding's "connection" names a prefix: the catalogue must hold it or its identity-based __ names.
            foreach (Match match in ConnectionReference().Matches(text))
            {
                var prefix = match.Groups[1].Value;
                if (!AppSettingsCatalog.All.Any(s => s.Name == prefix || s.Name.StartsWith(prefix + "__", StringComparison.Ordinal)))
                {
                    missing.Add($"connection {prefix} in {Path.GetRelativePath(RepoPaths.Root, path)}");
                }
            }
        }

        Assert.True(missing.Count == 0, $"not in AppSettingsCatalog: [{string.Join(", ", missing)}]");
    }

    [Fact]
    public void Every_value_of_the_local_settings_template_is_in_the_catalogue()
    {
        var templates = SourceFiles(RepoPaths.Root, "local.settings.json*.example");
        var missing = new List<string>();
        foreach (var path in templates)
        {
            var values = JsonNode.Parse(File.ReadAllText(path), documentOptions: new() { CommentHandling = JsonCommentHandling.Skip })?["Values"] as JsonObject;
            missing.AddRange((values ?? []).Select(pair => pair.Key).Where(key => AppSettingsCatalog.Find(Normalise(key)) is null)
                .Select(key => $"{key} in {Path.GetRelativePath(RepoPaths.Root, path)}"));
        }

        Assert.True(missing.Count == 0, $"not in AppSettingsCatalog: [{string.Join(", ", missing)}]");
    }

    /// <summary>Configuration keys named in functions/**/*.cs, in environment form (<c>Section__Key</c>).</summary>
    private static HashSet<string> KeysReadByHandler()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sources = Directory.EnumerateFiles(RepoPaths.Combine("functions"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path) && Path.GetFileName(path) != "AppSettingsCatalog.cs");
        foreach (var path in sources)
        {
            var text = File.ReadAllText(path);
            foreach (var regex in new[] { IndexerRead(), GetValueRead(), EnvironmentRead() })
            {
                foreach (Match match in regex.Matches(text))
                {
                    keys.Add(Normalise(match.Groups[1].Value));
                }
            }

            foreach (Match match in ConstantIndexerRead().Matches(text))
            {
                keys.Add(Resolve(match.Groups[1].Value));
            }

            foreach (Match match in SectionVariable().Matches(text))
            {
                var (variable, section) = (match.Groups[1].Value, Resolve(match.Groups[2].Value));
                if (Regex.IsMatch(text, $@"\b{variable}\.Value\b"))
                {
                    keys.Add(section);
                }

                foreach (Match read in new Regex($@"\b{variable}\[\s*""([^""]+)""\s*\]").Matches(text))
                {
                    keys.Add($"{section}__{Normalise(read.Groups[1].Value)}");
                }
            }

            foreach (Match match in BoundOptions().Matches(text).Concat(SectionBoundOptions().Matches(text)))
            {
                var section = Resolve(match.Groups["section"].Value);
                var options = TypeNamed(match.Groups["type"].Value);
                foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
                {
                    keys.Add($"{section}__{property.Name}");
                }
            }
        }

        return keys;
    }

    /// <summary>A string literal, or a <c>Type.Constant</c> of the functions assembly.</summary>
    private static string Resolve(string expression)
    {
        expression = expression.Trim();
        if (expression.StartsWith('"'))
        {
            return Normalise(expression.Trim('"'));
        }

        var dot = expression.LastIndexOf('.');
        if (dot < 0)
        {
            // A constant of the reading type itself: find the one const string of that name in functions/.
            var constants = Functions.GetTypes()
                .Select(t => t.GetField(expression, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
                .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)).ToList();
            Assert.True(constants.Count == 1, $"the scan cannot resolve the configuration key constant {expression}");
            return Normalise((string)constants[0]!.GetRawConstantValue()!);
        }

        var type = TypeNamed(expression[..dot].Split('.')[^1]);
        return Normalise((string)type.GetField(expression[(dot + 1)..], BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!);
    }

    private static Type TypeNamed(string name) =>
        Functions.GetTypes().FirstOrDefault(t => t.Name == name)
        ?? throw new InvalidOperationException($"the scan found a configuration read through {name}, which is not a type of functions/");

    private static string Normalise(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>Files under <paramref name="directory"/>, skipping build output, packages and git's own folder.</summary>
    private static IEnumerable<string> SourceFiles(string directory, string pattern)
    {
        string[] skipped = ["bin", "obj", "node_modules", "artifacts", ".git", ".azurite"];
        return Directory.EnumerateFiles(directory, pattern).Concat(Directory.EnumerateDirectories(directory)
            .Where(sub => !skipped.Contains(Path.GetFileName(sub)))
            .SelectMany(sub => SourceFiles(sub, pattern)));
    }

    private static bool IsBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    [GeneratedRegex(@"[Cc]onfig(?:uration)?\[\s*""([^""]+)""\s*\]")]
    private static partial Regex IndexerRead();

    [GeneratedRegex(@"[Cc]onfig(?:uration)?\[\s*([A-Za-z_][\w.]*)\s*\]")]
    private static partial Regex ConstantIndexerRead();

    [GeneratedRegex(@"[Cc]onfig(?:uration)?\.GetValue(?:<[^>]+>)?\(\s*""([^""]+)""")]
    private static partial Regex GetValueRead();

    [GeneratedRegex(@"GetEnvironmentVariable\(\s*""([^""]+)""")]
    private static partial Regex EnvironmentRead();

    [GeneratedRegex(@"(\w+)\s*=\s*[\w.]*[Cc]onfig(?:uration)?\.GetSection\(\s*(""[^""]+""|[\w.]+)\s*\)")]
    private static partial Regex SectionVariable();

    [GeneratedRegex(@"AddOptions<(?<type>\w+)>\(\)\s*\.BindConfiguration\(\s*(?<section>""[^""]+""|[\w.]+)\s*\)")]
    private static partial Regex BoundOptions();

    [GeneratedRegex(@"(?:Configure<(?<type>\w+)>\(|AddOptions<(?<type>\w+)>\(\)\s*\.Bind\()\s*[\w.]*[Cc]onfig(?:uration)?\.GetSection\(\s*(?<section>""[^""]+""|[\w.]+)\s*\)")]
    private static partial Regex SectionBoundOptions();

    [GeneratedRegex(@"%([A-Za-z0-9_]+)%")]
    private static partial Regex PercentReference();

    [GeneratedRegex(@"""connection""\s*:\s*""([^""]+)""")]
    private static partial Regex ConnectionReference();
}
