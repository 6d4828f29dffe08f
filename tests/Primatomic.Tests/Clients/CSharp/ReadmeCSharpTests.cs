using System.Text.RegularExpressions;
using Primatomic.Testing;
using Primatomic.Tests.Views;

namespace Primatomic.Tests.Clients.CSharp;

/// <summary>
/// Replays the README's "Use from C#" program as written: compiled as a console program against the client and run as
/// its own process, against the real service; its output must be what the README says it prints.
/// </summary>
[Collection(SharesOneService.Name)]
[Trait("Category", "EndToEnd")]
public sealed partial class ReadmeCSharpTests(ClientService service)
{
    [Fact]
    public async Task Readme_csharp_program_works_against_the_service_exactly_as_written()
    {
        ExampleViews.Component("counter"); // the README's prerequisite: examples/views/counter/counter.wasm built
        var readme = await File.ReadAllTextAsync(RepoPaths.Combine("README.md"));
        var section = Section().Match(readme);
        Assert.True(section.Success, "README.md has no <!-- csharp-client:begin --> ... <!-- csharp-client:end --> section");
        var program = CSharpBlock().Match(section.Groups[1].Value).Groups[1].Value
            .Replace("http://127.0.0.1:7071", service.Service.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);
        var expected = PrintsBlock().Match(readme[(section.Index + section.Length)..]).Groups[1].Value;

        var assembly = ConsoleProgram.Compile(program, "ReadmeCSharp");
        int exitCode;
        string output;
        try
        {
            (exitCode, output) = await ConsoleProgram.RunAsync(assembly, RepoPaths.Root, new() { ["PRIMATOMIC_API_KEY"] = service.ApiKey });
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(assembly)!, recursive: true);
        }

        Assert.True(exitCode == 0, $"the README program failed ({exitCode}):\n{output}");
        Assert.Equal(expected.Trim().ReplaceLineEndings("\n"), output.Trim().ReplaceLineEndings("\n"));
    }

    [GeneratedRegex(@"<!-- csharp-client:begin -->(.*?)<!-- csharp-client:end -->", RegexOptions.Singleline)]
    private static partial Regex Section();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"It prints:\s*```\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PrintsBlock();
}
