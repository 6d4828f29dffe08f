using System.Text;
using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Tests.Views;

internal static class Events
{
    public static ViewEvent[] Range(ulong first, int count, string payload = "{\"type\":\"tick\"}") =>
        [.. Enumerable.Range(0, count).Select(i => new ViewEvent(first + (ulong)i, Encoding.UTF8.GetBytes(payload)))];

    public static string QueryText(ViewInstance view) => Encoding.UTF8.GetString(view.Query([]));
}
