using System.Globalization;

namespace Primatomic.Cli.Commands;

/// <summary>
/// <c>tail --checkpoint FILE</c>: the last sequence printed, kept in a file so the next run of the same command
/// continues after it: nothing lost, nothing printed twice, across restarts of the CLI as well as of the service.
/// Written atomically (a new file renamed over the old) after each event has been printed.
/// </summary>
internal sealed class TailCheckpoint(string path)
{
    public long? Read()
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw CliException.Usage($"The checkpoint file {path} does not hold a sequence number: '{text}'.");
    }

    public void Write(long sequence)
    {
        // A name no other writer (another tail on the same file) can share, created new (never through an existing
        // file or link), with the mode the checkpoint already has; removed if the rename does not happen.
        var folder = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            options.UnixCreateMode = File.GetUnixFileMode(path);
        }

        try
        {
            using (var writer = new StreamWriter(new FileStream(temporary, options)))
            {
                writer.Write(sequence.ToString(CultureInfo.InvariantCulture) + "\n");
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
