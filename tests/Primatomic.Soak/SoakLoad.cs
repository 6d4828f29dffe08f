using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;

namespace Primatomic.Soak;

/// <summary>
/// The mixed load: appends to the busy logs, page reads at random offsets, long-polls tailing a quiet log that gets one
/// event a second, and read-your-write view queries (<c>query?after=</c> the last acknowledged append). Every request
/// becomes a <see cref="Sample"/> on the channel; the reporter is its only reader.
/// </summary>
public sealed class SoakLoad(SoakTarget target, ChannelWriter<Sample> samples)
{
    private const int Appenders = 2;
    private const int Readers = 2;
    private const int Pollers = 4;
    private const int Queriers = 2;
    private long _viewLogHead;

    public Task RunAsync(CancellationToken stop)
    {
        var workers = new List<Task>();
        workers.AddRange(Enumerable.Range(0, Appenders).Select(i => Loop(random => AppendAsync(target.Busy[random.Next(target.Busy.Count)]), i, stop)));
        workers.AddRange(Enumerable.Range(0, Readers).Select(i => Loop(ReadAsync, 100 + i, stop)));
        workers.AddRange(Enumerable.Range(0, Pollers).Select(_ => PollAsync(stop)));
        workers.AddRange(Enumerable.Range(0, Queriers).Select(i => Loop(_ => QueryAsync(), 200 + i, stop)));
        workers.Add(TickQuietLogAsync(stop));
        return Task.WhenAll(workers);
    }

    private static Task Loop(Func<Random, Task> step, int seed, CancellationToken stop) => Task.Run(async () =>
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            await step(random);
        }
    }, CancellationToken.None);

    private async Task AppendAsync(string logId)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { n = Guid.NewGuid(), at = DateTime.UtcNow }));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var (status, body) = await TimedAsync("append", () => target.Client.PostAsync(new Uri($"/logs/{logId}/append", UriKind.Relative), content));
        if (status == 200 && logId == target.Busy[0])
        {
            var sequence = body.GetProperty("sequence").GetInt64();
            InterlockedMax(ref _viewLogHead, sequence);
        }
    }

    private async Task ReadAsync(Random random)
    {
        var log = target.Busy[random.Next(target.Busy.Count)];
        var after = random.NextInt64(0, Math.Max(1, Interlocked.Read(ref _viewLogHead)));
        await TimedAsync("read", () => target.Client.GetAsync(new Uri($"/logs/{log}/events?after={after}&limit=100", UriKind.Relative)));
    }

    private Task PollAsync(CancellationToken stop) => Task.Run(async () =>
    {
        long after = 0;
        while (!stop.IsCancellationRequested)
        {
            var (status, body) = await TimedAsync("long-poll", () => target.Client.GetAsync(new Uri($"/logs/{target.Quiet}/events?after={after}&wait=5", UriKind.Relative)));
            if (status == 200)
            {
                after = body.GetProperty("next_after").GetInt64();
            }
        }
    }, CancellationToken.None);

    private async Task QueryAsync()
    {
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var after = Interlocked.Read(ref _viewLogHead);
        // Paced: unpaced queries of an already caught-up replica answer in microseconds and would crowd out the rest.
        await Task.Delay(10);
        await TimedAsync("query", () => target.Client.PostAsync(new Uri($"/logs/{target.Busy[0]}/views/{SoakTarget.ViewName}/query?after={after}", UriKind.Relative), content));
    }

    /// <summary>One event a second on the quiet log, so long-polls mostly wait and then wake.</summary>
    private Task TickQuietLogAsync(CancellationToken stop) => Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(CancellationToken.None) && !stop.IsCancellationRequested)
        {
            using var content = new ByteArrayContent("tick"u8.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            await TimedAsync("append", () => target.Client.PostAsync(new Uri($"/logs/{target.Quiet}/append", UriKind.Relative), content));
        }
    }, CancellationToken.None);

    private async Task<(int Status, JsonElement Body)> TimedAsync(string kind, Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        int status;
        var body = default(JsonElement);
        try
        {
            using var response = await send();
            status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status == 200 && response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                using var document = JsonDocument.Parse(text);
                body = document.RootElement.Clone();
            }
        }
        catch (HttpRequestException)
        {
            status = 0;
        }
        catch (TaskCanceledException)
        {
            status = 0;
        }

        await samples.WriteAsync(new Sample(kind, clock.Elapsed.TotalMilliseconds, status));
        if (status != 200)
        {
            // Pace a failing loop instead of spinning on it.
            await Task.Delay(100);
        }

        return (status, body);
    }

    private static void InterlockedMax(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
