namespace Primatomic.Client;

/// <summary>A log of the tenant.</summary>
/// <param name="LogId">Its id (a UUID): every other call names the log by it.</param>
/// <param name="Name">Its name, unique in the tenant.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="HeadSequence">Its last committed sequence (0 while empty).</param>
public sealed record LogInfo(string LogId, string Name, DateTimeOffset CreatedAt, long HeadSequence);
