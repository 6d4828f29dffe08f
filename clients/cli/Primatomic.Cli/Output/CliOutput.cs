using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Primatomic.Cli.Output;

/// <summary>
/// Everything a command prints. With <c>--json</c> stdout carries only JSON (one document per command, or one per
/// line for a stream such as <c>tail</c>); without it, short text and tables for people. Messages about what
/// happened go to stderr either way, so pipes see data only.
/// </summary>
internal sealed class CliOutput(CliConsole console, bool json)
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions Compact = new(Indented) { WriteIndented = false };

    public bool Json { get; } = json;

    public TextWriter Out => console.Output;

    /// <summary>The command's answer: as JSON with <c>--json</c>, else as <paramref name="human"/> prints it.</summary>
    public void Result<T>(T value, Action<CliOutput> human)
    {
        if (Json)
        {
            console.Output.WriteLine(JsonSerializer.Serialize(value, Indented));
        }
        else
        {
            human(this);
        }
    }

    /// <summary>One item of a stream (<c>tail</c>): a single JSON line with <c>--json</c>.</summary>
    public void StreamItem<T>(T value, Action<CliOutput> human)
    {
        if (Json)
        {
            console.Output.WriteLine(JsonSerializer.Serialize(value, Compact));
        }
        else
        {
            human(this);
        }

        console.Output.Flush();
    }

    public void Line(string text) => console.Output.WriteLine(text);

    /// <summary>A note for the person at the terminal (stderr), never mixed into the data on stdout.</summary>
    public void Note(string text)
    {
        if (!Json)
        {
            console.Error.WriteLine(text);
        }
    }

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        }

        Render(table);
    }

    private void Render(IRenderable renderable)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        ansi.Profile.Width = 160;
        ansi.Write(renderable);
    }
}
