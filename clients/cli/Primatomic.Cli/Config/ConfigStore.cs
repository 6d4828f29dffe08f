using System.Text.Json;

namespace Primatomic.Cli.Config;

/// <summary>
/// Reads and writes the config file. It holds API keys and tokens, so on Unix it is always created readable and
/// writable by its owner only (0600; a folder the CLI creates for it is 0700, an existing one keeps its mode, as it
/// may be shared such as with <c>$PRIMATOMIC_CONFIG=/tmp/x.json</c>), and replaced atomically: a new file is written beside it with that mode
/// from the start, then renamed over the old one, so no reader ever sees half a file or a moment of wider access.
/// </summary>
internal sealed class ConfigStore(string path)
{
    public const string PathVariable = "PRIMATOMIC_CONFIG";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Path { get; } = path;

    /// <summary><c>$PRIMATOMIC_CONFIG</c>, else <c>$XDG_CONFIG_HOME/primatomic/config.json</c> (<c>~/.config</c> by default; <c>%APPDATA%</c> on Windows).</summary>
    public static ConfigStore Locate(Func<string, string?> environment)
    {
        if (environment(PathVariable) is { Length: > 0 } configured)
        {
            return new ConfigStore(System.IO.Path.GetFullPath(configured));
        }

        var root = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData)
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new ConfigStore(System.IO.Path.Combine(root, "primatomic", "config.json"));
    }

    public ConfigFile Load()
    {
        if (!File.Exists(Path))
        {
            return new ConfigFile();
        }

        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(Path), Json) ?? new ConfigFile();
        }
        catch (JsonException e)
        {
            throw CliException.Usage($"The config file {Path} is not valid JSON ({e.Message}). Fix or delete it.");
        }
    }

    public void Save(ConfigFile config)
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var temporary = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, config, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
