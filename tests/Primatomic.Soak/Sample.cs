namespace Primatomic.Soak;

/// <summary>One timed request of one kind (append, read, long-poll, query) and whether it succeeded.</summary>
public readonly record struct Sample(string Kind, double Milliseconds, int Status);

/// <summary>The service's memory at one moment: resident set from /proc, in MiB.</summary>
public readonly record struct MemoryReading(double Minutes, double RssMiB);
