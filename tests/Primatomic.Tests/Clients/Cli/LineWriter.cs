using System.Text;

namespace Primatomic.Tests.Clients.Cli;

/// <summary>
/// Stdout for a CLI run that keeps going (<c>tail --follow</c>): safe to read while the run writes, and a test can
/// wait, with a deadline, until it holds some number of lines.
/// </summary>
public sealed class LineWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly SemaphoreSlim _changed = new(0);

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get { lock (_text) { return _text.ToString(); } }
    }

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }

        if (value == '\n')
        {
            _changed.Release();
        }
    }

    public override string ToString() => Text;

    public IReadOnlyList<string> Lines() => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async Task WaitForLinesAsync(int count, CancellationToken cancellationToken)
    {
        while (Lines().Count < count)
        {
            await _changed.WaitAsync(cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _changed.Dispose();
        }

        base.Dispose(disposing);
    }
}
