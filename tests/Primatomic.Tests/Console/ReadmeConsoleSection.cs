using System.Text.RegularExpressions;
using Primatomic.Testing;

namespace Primatomic.Tests.WebConsole;

/// <summary>The README's "The console" section: the page it names and the controls its steps name in bold.</summary>
internal static partial class ReadmeConsoleSection
{
    public static string Text
    {
        get
        {
            var match = Section().Match(File.ReadAllText(RepoPaths.Combine("README.md")));
            Assert.True(match.Success, "README.md has no \"## The console\" section with <!-- console:begin --> ... <!-- console:end -->");
            return match.Groups[1].Value;
        }
    }

    /// <summary>The path of the page the section tells people to open on scripts/dev.</summary>
    public static string PagePath
    {
        get
        {
            var url = DevUrl().Match(File.ReadAllText(RepoPaths.Combine("README.md")));
            Assert.True(url.Success, "README.md does not name the console's URL on scripts/dev");
            return url.Groups[1].Value;
        }
    }

    /// <summary>Every **bold** name in the steps: each must be a control, field or region of the page.</summary>
    public static IReadOnlyList<string> ControlNames => Bold().Matches(Text).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex(@"## The console\n.*?<!-- console:begin -->(.*?)<!-- console:end -->", RegexOptions.Singleline)]
    private static partial Regex Section();

    [GeneratedRegex(@"open\s+http://127\.0\.0\.1:7071(/\S+)\s+in a browser")]
    private static partial Regex DevUrl();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Bold();
}
