namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// Gives memory back to the operating system after views hibernate. A hibernated view keeps about 5 KB of objects;
/// what it let go (its store, instance and linear memory, and the garbage its work left) is only returned if the
/// collector compacts and decommits and glibc trims its arenas. An idle instance allocates too little to trigger a
/// collection on its own, so without this it would keep the resident set of its busiest moment indefinitely.
/// </summary>
internal static class MemoryRelease
{
    /// <summary>
    /// One blocking, compacting, decommitting collection and an arena trim. Called at most once per sweep
    /// (<c>Views__CheckpointInterval</c>), and only when the sweep hibernated something: the live heap is small (a few
    /// KB per view), so the pause is short and rare.
    /// </summary>
    public static void AfterHibernation(int hibernated)
    {
        if (hibernated > 0)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        NativeHeap.Trim();
    }
}
