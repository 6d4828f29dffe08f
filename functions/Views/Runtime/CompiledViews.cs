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

    /// <summary>
    /// The shared copy for a view a deploy just compiled or loaded: the one already here if there is one (the deploy's
    /// copy is then freed), else the deploy's, kept for later loads. Takes the caller's reference to
    /// <paramref name="compiled"/> and returns the caller's reference to the copy to use.
    /// </summary>
    public CompiledView Keep(CompiledView compiled)
    {
        compiled.TryShare(); // the cache's reference, taken before the copy is visible to Trim
        var mine = new Lazy<Task<CompiledView>>(Task.FromResult(compiled));
        var entry = _loaded.GetOrAdd(compiled.ContentHash, mine);
        if (ReferenceEquals(entry, mine))
        {
            return compiled;
        }

        compiled.Dispose(); // not cached after all
        if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.Result.TryShare())
        {
            compiled.Dispose(); // a thousand deploys of one component keep one copy of its code
            return entry.Value.Result;
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
