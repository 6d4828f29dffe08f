using System.Runtime.CompilerServices;

namespace Primatomic.Functions.Views.Replicas;

/// <summary>
/// The threads that run replica loops, and with them all tenant WebAssembly: a fixed set (one per processor) apart
/// from the thread pool. A view call is synchronous and can take as long as its fuel allows; on the thread pool, many
/// busy views would block its threads and starve request handling (appends, other tenants' queries) until the pool
/// grew. Two queues: new work (a loop woken by a query, a delivery or a catch-up request) goes first; a loop that has
/// just done a step yields to the back of the second (<see cref="YieldToOthers"/>), from which a wake-up promotes it.
/// So views busy catching up take turns among themselves, and delay another view's answer by about one step.
/// </summary>
public sealed class ViewThreads : TaskScheduler, IDisposable
{
    // PreferFairness marks the continuation of YieldToOthers: it goes to the background queue.
    private const TaskCreationOptions Background = TaskCreationOptions.PreferFairness;
    private readonly Queue<Task> _foreground = new();
    private readonly List<Task> _background = []; // FIFO; a promoted task leaves from the middle
    private readonly object _gate = new(); // a monitor: the threads wait on it
    private readonly Thread[] _threads;
    private bool _stopping;

    public ViewThreads(int threads)
    {
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"view-{i}" };
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Runs <paramref name="work"/> (and every continuation of its awaits) on these threads.</summary>
    public Task Run(Func<Task> work) => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <summary>
    /// Awaited by a loop after a step: it continues after every other waiting loop, unless <paramref name="wake"/>
    /// completes first (someone asked it for something), which moves it to the front queue.
    /// </summary>
    public BackgroundYield YieldToOthers(Task wake) => new(this, wake);

    protected override void QueueTask(Task task)
    {
        lock (_gate)
        {
            if ((task.CreationOptions & Background) != 0)
            {
                _background.Add(task);
            }
            else
            {
                _foreground.Enqueue(task);
            }

            Monitor.Pulse(_gate);
        }
    }

    private void Promote(Task task)
    {
        lock (_gate)
        {
            if (_background.Remove(task))
            {
                _foreground.Enqueue(task);
            }
        }
    }

    // Inlining would run a view on whichever thread completed its I/O (a pool thread): never.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_gate)
        {
            return [.. _foreground, .. _background];
        }
    }

    private void Run()
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                while (_foreground.Count == 0 && _background.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (!_foreground.TryDequeue(out next!))
                {
                    if (_background.Count == 0)
                    {
                        return; // stopping, and nothing left
                    }

                    next = _background[0];
                    _background.RemoveAt(0);
                }
            }

            TryExecuteTask(next);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5)); // a view call still running ends within its fuel
        }
    }

    /// <summary>The awaitable of <see cref="YieldToOthers"/>.</summary>
    public readonly struct BackgroundYield(ViewThreads threads, Task wake) : INotifyCompletion
    {
        public bool IsCompleted => false;

        public BackgroundYield GetAwaiter() => this;

        public void OnCompleted(Action continuation)
        {
            var parked = Task.Factory.StartNew(continuation, CancellationToken.None, Background | TaskCreationOptions.DenyChildAttach, threads);
            var scheduler = threads;
            wake.ContinueWith(_ => scheduler.Promote(parked), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        public void GetResult()
        {
        }
    }
}
