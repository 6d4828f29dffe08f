using System.Threading.Channels;

namespace Primatomic.Cli.Commands;

/// <summary>
/// The non-empty lines of a file or stdin, read ahead on their own task, so the sender can tell "input paused" (a
/// live pipe such as <c>tail -f app.log |</c>) from "more is coming": it sends a part-filled batch at a pause instead
/// of holding those events until the batch fills. The read-ahead ends when its token is cancelled: the sender cancels
/// it when it stops, so a failed append does not leave stdin being read.
/// </summary>
internal static class LineSource
{
    public static ChannelReader<Line> Start(StreamReader reader, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<Line>(new BoundedChannelOptions(1000) { SingleReader = true, SingleWriter = true });
        _ = Task.Run(
            async () =>
            {
                try
                {
                    long bytesRead = 0;
                    while (await reader.ReadLineAsync(cancellationToken) is { } text)
                    {
                        bytesRead += reader.CurrentEncoding.GetByteCount(text) + 1;
                        if (text.Length > 0)
                        {
                            await channel.Writer.WriteAsync(new Line(System.Text.Encoding.UTF8.GetBytes(text), bytesRead), cancellationToken);
                        }
                    }

                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                }
            },
            CancellationToken.None);
        return channel.Reader;
    }

    /// <summary>Whether a line arrives (or the input ends) within <paramref name="idle"/>.</summary>
    public static async Task<bool> ArrivesWithinAsync(this ChannelReader<Line> lines, TimeSpan idle, CancellationToken cancellationToken)
    {
        var waiting = lines.WaitToReadAsync(cancellationToken).AsTask();
        return await Task.WhenAny(waiting, Task.Delay(idle, cancellationToken)) == waiting;
    }

    /// <summary>One line's bytes (UTF-8, without its line break) and how far into the input it ends.</summary>
    internal readonly record struct Line(byte[] Bytes, long BytesRead);
}
