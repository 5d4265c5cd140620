namespace ValueSegmentation.Data.Internal;

/// <summary>Turns text whose fields are separated by runs of spaces or tabs into tab-separated text: every run becomes
/// one tab, and blanks at the start and end of a line are dropped.</summary>
/// <remarks>Not thread-safe, as any <see cref="TextReader"/>.</remarks>
internal sealed class WhitespaceSeparatedReader(TextReader inner) : TextReader
{
    private readonly char[] _buffer = new char[1 << 16];
    private int _position;
    private int _length;
    private bool _lineStart = true;
    private bool _pendingTab;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        int written = 0;
        while (written < buffer.Length)
        {
            if (_position == _length)
            {
                _length = inner.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_length == 0)
                {
                    break;
                }
            }

            char c = _buffer[_position++];
            if (c is ' ' or '\t')
            {
                _pendingTab = !_lineStart;
                continue;
            }

            if (c is '\r' or '\n')
            {
                _pendingTab = false; // blanks before the end of a line are dropped
                _lineStart = true;
                buffer[written++] = c;
                continue;
            }

            if (_pendingTab)
            {
                buffer[written++] = '\t';
                _pendingTab = false;
                _position--; // the character again, in the next round if there is room
                continue;
            }

            _lineStart = false;
            buffer[written++] = c;
        }

        return written;
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
