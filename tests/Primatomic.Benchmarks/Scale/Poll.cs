using System.Diagnostics;

namespace Primatomic.Benchmarks.Scale;

/// <summary>The benchmark's one way to wait: ask a condition at an interval until it holds or a deadline passes.</summary>
internal static class Poll
{
    /// <summary>Whether <paramref name="condition"/> held before <paramref name="clock"/> reached <paramref name="deadline"/>.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan every, Stopwatch clock, TimeSpan deadline)
    {
        while (clock.Elapsed < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(every);
        }

        return false;
    }
}
