using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Hosting;

/// <summary>
/// Requests the server rejects at the protocol level (URI too long, headers too large or too many, a body with broken
/// chunk framing) are answered problem+json with a stable code, like every other error. Sent as raw bytes over TCP
/// to the real service, since an HTTP client would refuse to send them.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ProtocolRejectionTests : IAsyncLifetime
{
    private ServiceProcess _service = null!;

    public async Task InitializeAsync()
    {
        var settings = ApiFactory.DefaultSettings(await SharedAzurite.GetAsync(), SharedAzurite.UniquePrefix());
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        _service = await ServiceProcess.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task A_request_target_over_8_KiB_is_414_URI_TOO_LONG_as_problem_json()
    {
        var answer = await SendRawAsync($"GET /logs?x={new string('a', 9 * 1024)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        AssertProblem(answer, 414, "URI_TOO_LONG");
    }

    [Fact]
    public async Task A_long_path_is_not_echoed_back_in_the_problem()
    {
        var answer = await SendRawAsync($"GET /{new string('p', 9 * 1024)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        AssertProblem(answer, 414, "URI_TOO_LONG");
        Assert.True(answer.Length < 2048, $"answer of {answer.Length} characters");
    }

    [Fact]
    public async Task Headers_over_32_KiB_are_431_HEADERS_TOO_LARGE_as_problem_json()
    {
        var big = string.Concat(Enumerable.Range(0, 40).Select(i => $"X-Big-{i}: {new string('b', 1000)}\r\n"));
        var answer = await SendRawAsync($"GET /logs HTTP/1.1\r\nHost: localhost\r\n{big}Connection: close\r\n\r\n");
        AssertProblem(answer, 431, "HEADERS_TOO_LARGE");
    }

    [Fact]
    public async Task More_than_100_headers_are_431_HEADERS_TOO_LARGE_as_problem_json()
    {
        var many = string.Concat(Enumerable.Range(0, 150).Select(i => $"X-Many-{i}: v\r\n"));
        var answer = await SendRawAsync($"GET /logs HTTP/1.1\r\nHost: localhost\r\n{many}Connection: close\r\n\r\n");
        AssertProblem(answer, 431, "HEADERS_TOO_LARGE");
    }

    [Fact]
    public async Task A_body_with_broken_chunk_framing_is_400_VALIDATION_ERROR_as_problem_json()
    {
        var answer = await SendRawAsync("POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz-not-a-chunk-size\r\n{}\r\n0\r\n\r\n");
        AssertProblem(answer, 400, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: localhost\r\nNo colon in this header\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\n\r\n")]
    public async Task A_request_the_server_cannot_parse_is_400_VALIDATION_ERROR_as_problem_json(string request)
    {
        AssertProblem(await SendRawAsync(request), 400, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task An_unsupported_HTTP_version_is_answered_as_problem_json()
    {
        AssertProblem(await SendRawAsync("GET / HTTP/1.5\r\nHost: localhost\r\n\r\n"), 505, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task A_request_line_past_the_servers_own_limit_is_414_URI_TOO_LONG_as_problem_json()
    {
        var answer = await SendRawAsync($"GET /{new string('a', 100 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        AssertProblem(answer, 414, "URI_TOO_LONG");
    }

    [Fact]
    public async Task Headers_past_the_servers_own_limit_are_431_HEADERS_TOO_LARGE_as_problem_json()
    {
        var huge = string.Concat(Enumerable.Range(0, 300).Select(i => $"X-Huge-{i}: {new string('h', 1000)}\r\n"));
        AssertProblem(await SendRawAsync($"GET / HTTP/1.1\r\nHost: localhost\r\n{huge}\r\n"), 431, "HEADERS_TOO_LARGE");
    }

    [Fact]
    public async Task Ordinary_answers_pass_through_the_connection_unchanged()
    {
        var answer = await SendRawAsync("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 OK", answer, StringComparison.Ordinal);
        Assert.Contains("\"service\":\"primatomic\"", answer, StringComparison.Ordinal);
    }

    private static void AssertProblem(string answer, int status, string code)
    {
        var split = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, answer);
        var head = answer[..split];
        var body = answer[(split + 4)..];
        Assert.StartsWith($"HTTP/1.1 {status} ", head, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", head, StringComparison.OrdinalIgnoreCase);
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        using var problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var rest = body;
        while (true)
        {
            var line = rest.IndexOf("\r\n", StringComparison.Ordinal);
            var size = Convert.ToInt32(rest[..line], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(rest, line + 2, size);
            rest = rest[(line + 2 + size + 2)..];
        }
    }

    private async Task<string> SendRawAsync(string request)
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await tcp.ConnectAsync("127.0.0.1", _service.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer, timeout.Token);
        }
        catch (IOException)
        {
            // The server may reset after answering an oversized request; what arrived is the answer.
        }

        return Encoding.UTF8.GetString(answer.ToArray());
    }
}
