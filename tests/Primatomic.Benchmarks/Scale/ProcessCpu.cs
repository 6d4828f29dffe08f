using System.Globalization;

namespace Primatomic.Benchmarks.Scale;

/// <summary>CPU time a process has used, from /proc: to tell a saturated service from a saturated Azurite or proxy.</summary>
internal static class ProcessCpu
{
    /// <summary>User + system seconds (clock ticks of 1/100 s), or NaN when the process is gone.</summary>
    public static double Seconds(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            // Fields after the command name (in parentheses, may hold spaces): utime and stime are the 12th and 13th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>The Azurite node process serving <paramref name="dataDirectory"/> (its command line names the folder).</summary>
    public static int? AzuriteProcessId(string dataDirectory)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline"));
                    if (commandLine.Contains("azurite", StringComparison.Ordinal) && commandLine.Contains(dataDirectory, StringComparison.Ordinal))
                    {
                        return pid;
                    }
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        return null;
    }
}
