using System.Diagnostics;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Views.Replicas;

/// <summary>Consecutive delivered events, with the trace contexts of the commits they came from (empty when untraced).</summary>
internal readonly record struct OfferedEvents(IReadOnlyList<StoredEvent> Events, IReadOnlyList<ActivityContext> Traces);
