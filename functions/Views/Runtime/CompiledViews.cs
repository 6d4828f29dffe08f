using System.Collections.Concurrent;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// The compiled views loaded in this process, one per component (content hash) however many views deploy it: a
/// thousand views of one component cost one copy of its code here. Each caller gets its own reference to give back
/// by disposing; <see cref="Trim"/> frees the ones nobody uses any more.
/// </summary>
public sealed class CompiledViews(ViewBlobs blobs)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CompiledView>>> _loaded = new(StringComparer.Ordinal);

    /// <summary>A reference to the compiled view of <paramref name="contentHash"/>, loaded from Blob Storage once.</summary>
    public async Task<CompiledView> RentAsync(string contentHash)
    {
        while (true)
        {
            var entry = _loaded.GetOrAdd(contentHash, hash => new Lazy<Task<CompiledView>>(() => blobs.LoadAsync(hash, CancellationToken.None)));
            CompiledView compiled;
            try
            {
                compiled = await entry.Value;
            }
            catch
            {
                _loaded.TryRemove(new KeyValuePair<string, Lazy<Task<CompiledView>>>(contentHash, entry)); // the next caller tries again
                throw;
            }

            if (compiled.TryShare())
            {
                return compiled;
            }

            _loaded.TryRemove(new KeyValuePair<string, Lazy<Task<CompiledView>>>(contentHash, entry)); // freed by Trim meanwhile
        }
    }

    /// <summary>Keeps a view compiled by a deploy here, so later loads of the same component share it.</summary>
    public CompiledView Keep(CompiledView compiled)
    {
        var entry = new Lazy<Task<CompiledView>>(Task.FromResult(compiled));
        if (compiled.TryShare() && !_loaded.TryAdd(compiled.ContentHash, entry))
        {
            compiled.Dispose(); // one is loaded already; this copy stays with its deploy only
        }

        return compiled;
    }

    /// <summary>Frees the compiled views that no replica uses.</summary>
    public int Trim()
    {
        var freed = 0;
        foreach (var (hash, entry) in _loaded)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.Result.IsUnshared
                && _loaded.TryRemove(new KeyValuePair<string, Lazy<Task<CompiledView>>>(hash, entry)))
            {
                entry.Value.Result.Dispose();
                freed++;
            }
        }

        return freed;
    }
}
