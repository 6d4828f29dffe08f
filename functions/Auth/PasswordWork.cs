using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Every password hash and verification runs here: on a few dedicated threads, never the request thread pool, with
/// a short bounded queue. A flood of logins therefore costs at most those threads' CPU and never starves appends and
/// reads of pool threads; work beyond the queue is shed at once with 503 <c>SERVICE_UNAVAILABLE</c> and
/// <c>Retry-After</c>. The channel is the one owner of the queue; the workers are its only readers.
/// </summary>
internal sealed class PasswordWork : IDisposable
{
    /// <summary>Queued items per worker: with PBKDF2 at about 0.3 s each, a full queue is answered within about 1.5 s.</summary>
    public const int QueuePerWorker = 4;

    private readonly Channel<Action> _queue;
    private readonly Thread[] _workers;

    public PasswordWork(IOptions<AuthOptions> options)
    {
        Workers = options.Value.EffectiveMaxConcurrentHashes;
        _queue = Channel.CreateBounded<Action>(new BoundedChannelOptions(Workers * QueuePerWorker)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping queued work.
            SingleWriter = false,
            SingleReader = false,
        });
        _workers = Enumerable.Range(0, Workers)
            .Select(index => new Thread(Work) { IsBackground = true, Name = $"password-work-{index}" })
            .ToArray();
        foreach (var worker in _workers)
        {
            worker.Start();
        }
    }

    public int Workers { get; }

    public Task<string> HashAsync(string password) => RunAsync(() => PasswordHasher.Hash(password));

    public Task<bool> VerifyAsync(string password, string stored) => RunAsync(() => PasswordHasher.Verify(password, stored));

    public Task<bool> VerifyAgainstDummyAsync(string password) => RunAsync(() => PasswordHasher.VerifyAgainstDummy(password));

    public void Dispose() => _queue.Writer.TryComplete();

    private Task<T> RunAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(() =>
            {
                try
                {
                    done.SetResult(work());
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            }))
        {
            throw ApiException.Unavailable("Too many sign-ins are being processed; retry shortly.");
        }

        return done.Task;
    }

    private void Work()
    {
        // A dedicated thread may block: waiting here costs no pool thread.
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (_queue.Reader.TryRead(out var item))
            {
                item();
            }
        }
    }
}
