namespace Primatomic.Benchmarks.Scale;

/// <summary>
/// One memory figure (RSS, mappings or VmSize) per instance: base, cost of a led view while hibernating, and what a
/// live one costs beyond that. Medians over instances.
/// </summary>
internal sealed record MemoryCost(double Base, double Hibernated, double LiveExtra, double LiveExtraCheck, double FirstComponent)
{
    /// <summary>The per-view costs the model uses: a negative measurement (noise) counts as nothing, never as a saving.</summary>
    public double HibernatedUsed => Math.Max(0, Hibernated);

    public double LiveExtraUsed => Math.Max(0, LiveExtra);

    public double Live => HibernatedUsed + LiveExtraUsed;

    /// <summary>
    /// A negative hibernated cost, or the two estimates of the live extra disagreeing (or going below zero) by more
    /// than half the largest per-view figure: noise, not a measurement.
    /// </summary>
    public bool Noisy
    {
        get
        {
            var scale = new[] { Math.Abs(Hibernated), Math.Abs(LiveExtra), Math.Abs(LiveExtraCheck) }.Max();
            return Hibernated < 0 || Math.Abs(LiveExtra - LiveExtraCheck) > 0.5 * scale || Math.Min(LiveExtra, LiveExtraCheck) < -0.5 * scale;
        }
    }

    /// <summary>Per instance with <paramref name="led"/> led views of which <paramref name="activeShare"/> are live.</summary>
    public double At(double led, double activeShare) => Base + led * (HibernatedUsed + activeShare * LiveExtraUsed);

    /// <summary>The active share at which <see cref="At"/> reaches <paramref name="limit"/> (NaN when no share does).</summary>
    public double ShareReaching(double led, double limit) =>
        LiveExtraUsed <= 0 ? double.NaN : (limit - Base - led * HibernatedUsed) / (led * LiveExtraUsed);

    /// <summary>Led views per instance at which <paramref name="limit"/> is reached with <paramref name="activeShare"/> live.</summary>
    public double LedReaching(double limit, double activeShare)
    {
        var perView = HibernatedUsed + activeShare * LiveExtraUsed;
        return perView <= 0 ? double.PositiveInfinity : Math.Max(0, limit - Base) / perView;
    }
}

/// <summary>
/// The four memory readings of a run: all views live and all hibernated, at one view per log (stage 1) and at all
/// views (stage 2); and the reading with no views (R0), to show what the first component costs.
/// </summary>
internal sealed record MemoryStages(
    IReadOnlyDictionary<int, MemoryReading> NoViews, MemoryState Live1, MemoryState Hibernated1, MemoryState Live2, MemoryState Hibernated2)
{
    /// <summary>
    /// hibernated = slope of the hibernated readings from stage 1 to 2 per led view (one-off start-up and the shared
    /// compiled component stay out of it); live extra = (live - hibernated reading) at stage 2 per view that was live,
    /// checked against stage 1; base = stage-1 hibernated reading - its led views x hibernated.
    /// </summary>
    public MemoryCost Cost(Func<MemoryReading, double> field)
    {
        var instances = Hibernated2.Memory.Keys.Where(i => Live1.Memory.ContainsKey(i) && Hibernated1.Memory.ContainsKey(i) && Live2.Memory.ContainsKey(i)).ToList();
        double Led(MemoryState s, int i) => s.Placement[i].Leading;
        double Awake(MemoryState s, int i) => s.Placement[i].Leading - s.Placement[i].Hibernating;
        double Hibernated(int i) =>
            (field(Hibernated2.Memory[i]) - field(Hibernated1.Memory[i])) / Math.Max(1, Led(Hibernated2, i) - Led(Hibernated1, i));
        double Extra(MemoryState live, MemoryState asleep, int i) =>
            (field(live.Memory[i]) - field(asleep.Memory[i])) / Math.Max(1, Awake(live, i) - Awake(asleep, i));
        var hibernated = Stats.Median(instances.Select(Hibernated));
        var bases = instances.Select(i => (Instance: i, Base: field(Hibernated1.Memory[i]) - Led(Hibernated1, i) * Hibernated(i))).ToList();
        return new MemoryCost(
            Stats.Median(bases.Select(b => b.Base)),
            hibernated,
            Stats.Median(instances.Select(i => Extra(Live2, Hibernated2, i))),
            Stats.Median(instances.Select(i => Extra(Live1, Hibernated1, i))),
            Stats.Median(bases.Where(b => NoViews.ContainsKey(b.Instance)).Select(b => b.Base - field(NoViews[b.Instance]))));
    }
}
