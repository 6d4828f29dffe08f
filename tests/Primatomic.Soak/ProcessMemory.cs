using System.Globalization;

namespace Primatomic.Soak;

/// <summary>Reads a process's resident set size (VmRSS) from /proc: cheap, and what the platform bills and kills by.</summary>
public static class ProcessMemory
{
    public static double? RssMiB(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kilobytes is null ? null : double.Parse(kilobytes, CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
