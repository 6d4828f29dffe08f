using System.Text.Json;
using Primatomic.Cli;

namespace Primatomic.Tests.Clients.Cli;

/// <summary>Failures the CLI meets before or outside the service's answers: one line and a documented exit code, never a stack trace.</summary>
public sealed class CliFailureTests
{
    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    public async Task An_invalid_url_in_the_environment_is_a_usage_error_naming_the_variable(string url)
    {
        using var session = new CliSession();
        session.Environment["PRIMATOMIC_URL"] = url;
        session.Environment["PRIMATOMIC_API_KEY"] = "pk_unused";

        var result = await session.RunAsync("logs", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"primatomic: $PRIMATOMIC_URL must be an http or https address, such as http://127.0.0.1:7071; got '{url}'.", result.Error.Trim());
    }

    [Fact]
    public async Task An_invalid_url_in_a_hand_edited_profile_is_a_usage_error_naming_the_profile()
    {
        using var session = new CliSession();
        Directory.CreateDirectory(Path.GetDirectoryName(session.ConfigPath)!);
        await File.WriteAllTextAsync(
            session.ConfigPath, """{"current_profile":"typo","profiles":{"typo":{"url":"htp:/nowhere","api_key":"pk_unused"}}}""");

        var result = await session.RunAsync("logs", "list", "--json");

        Assert.Equal(1, result.ExitCode);
        var error = JsonDocument.Parse(result.Error).RootElement.GetProperty("error");
        Assert.Equal(1, error.GetProperty("exit_code").GetInt32());
        Assert.Contains("profile set typo --url", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<Exception, int> Failures => new()
    {
        { new TaskCanceledException("The request was canceled.", new TimeoutException("HttpClient.Timeout of 100 seconds elapsed.")), 5 },
        { new TimeoutException("No answer."), 5 },
        { new OperationCanceledException("Cancelled by nobody."), 6 },
        { new InvalidOperationException("A bug."), 6 },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_nobody_asked_for_is_one_line_and_an_exit_code_without_a_stack_trace(Exception failure, int exitCode)
    {
        using var error = new StringWriter();
        var console = new CliConsole(Stream.Null, TextWriter.Null, error, false, false, _ => null);

        Assert.Equal(exitCode, CommandAction.Fail(console, json: false, Throw(failure), CancellationToken.None));
        var printed = error.ToString();
        Assert.Single(printed.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("primatomic: ", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancellation_the_user_asked_for_is_exit_130()
    {
        using var error = new StringWriter();
        var console = new CliConsole(Stream.Null, TextWriter.Null, error, false, false, _ => null);

        Assert.Equal(130, CommandAction.Fail(console, json: true, new OperationCanceledException(), new CancellationToken(canceled: true)));
        Assert.Equal("INTERRUPTED", JsonDocument.Parse(error.ToString()).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    /// <summary>The exception as thrown, so it carries a stack trace that must not be printed.</summary>
    private static Exception Throw(Exception failure)
    {
        try
        {
            throw failure;
        }
        catch (Exception thrown)
        {
            return thrown;
        }
    }
}
