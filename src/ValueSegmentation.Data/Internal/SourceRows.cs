using System.Data.Common;
using System.IO.Compression;
using System.Text;
using Sylvan.Data.Csv;

namespace ValueSegmentation.Data.Internal;

/// <summary>The rows of one source, read once, with what every reader of the package needs around them: line numbers,
/// the check of each row's number of fields, the bad-row policy, the counts of rows used and rejected, and progress.</summary>
/// <remarks>One reading thread at a time, as the <see cref="DbDataReader"/> under it; <see cref="Unuse"/> and
/// <see cref="Report"/> may be called from another thread meanwhile (the transaction reader adds blocks on a worker).</remarks>
internal sealed class SourceRows : IDisposable, IAsyncDisposable
{
    private const int ProgressInterval = 1 << 16;
    private const int MaxValueLength = 200;

    private readonly DbDataReader _reader;
    private readonly CsvDataReader? _csv;
    private readonly bool _ownsReader;
    private readonly Stream? _file;
    private readonly long _fileLength;
    private readonly DataReadOptions _options;
    private readonly bool[] _isText;
    private readonly List<RejectedRow> _rejects = [];
    private long _row; // data rows read
    private long _line; // CSV: the file line where the current record starts
    private long _nextLine; // CSV: where the next record starts
    private long _used; // counted by the reading thread
    private long _takenBack; // rows used and then rejected, possibly by another thread (under the lock of _rejects)
    private List<RejectedRow>? _deferred; // collected rejects of the rows read since the last CommitDeferred
    private int _started;

    private SourceRows(DbDataReader reader, string sourceName, bool hasHeader, bool ownsReader, Stream? file, DataReadOptions options)
    {
        _reader = reader;
        _csv = reader as CsvDataReader;
        _ownsReader = ownsReader;
        _file = file;
        _fileLength = file is { CanSeek: true } ? file.Length : 0;
        _options = options;
        SourceName = sourceName;
        _nextLine = hasHeader ? 2 : 1;
        Columns = new ColumnResolver(reader, hasHeader, sourceName, headerLine: 1);
        _isText = new bool[reader.FieldCount];
        for (int i = 0; i < _isText.Length; i++)
        {
            _isText[i] = _csv is not null || reader.GetFieldType(i) == typeof(string);
        }
    }

    public string SourceName { get; }

    public ColumnResolver Columns { get; }

    /// <summary>The current row's line in the file (CSV: where the record starts, counting the header as line 1 and the
    /// line breaks inside quoted fields of the records before it) or its position among the rows (1 = the first).</summary>
    public long Line => _csv is not null ? _line : _row;

    public ReadReport Report
    {
        get
        {
            lock (_rejects)
            {
                // Rows taken back come later than the rows after them, and deferred rejects wait for their block.
                return new(SourceName, _used - _takenBack, [.. _rejects.Concat(_deferred ?? []).OrderBy(r => r.Line)]);
            }
        }
    }

    /// <summary>Rows over a database reader (names from its columns).</summary>
    public static SourceRows Over(DbDataReader reader, string sourceName, bool ownsReader, DataReadOptions options) =>
        new(reader, sourceName, hasHeader: true, ownsReader, file: null, options);

    /// <summary>Rows of a delimited text file on disk (the file closed with the rows, or at once if opening fails).</summary>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="DataReadException">The file is empty or its first line cannot be read.</exception>
    public static SourceRows OpenCsvFile(string path, CsvFormat format, DataReadOptions options)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return OpenCsv(file, path, format, leaveOpen: false, options);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads every row from the start, handing each to <paramref name="add"/>.</summary>
    /// <exception cref="DataReadException">A row is bad (fail fast), or more rows are rejected than allowed.</exception>
    public void ReadEach(Action add)
    {
        Start();
        while (Read())
        {
            add();
        }
    }

    /// <summary>A field of the current row as trimmed text (CSV escapes undone; a database value in the invariant
    /// culture), or <see langword="null"/> for a database NULL.</summary>
    public string? Trimmed(int ordinal) =>
        IsNull(ordinal) ? null
        : IsText(ordinal) ? new string(CsvCells.Unescape(Text(ordinal).Trim()))
        : Convert.ToString(Value(ordinal), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>The customer id in a field of the current row (trimmed, CSV escapes undone, pseudonymised when the
    /// options say so), or <see langword="null"/> after rejecting the row when it is empty.</summary>
    /// <exception cref="DataReadException">Fail fast, or one reject more than the options allow.</exception>
    public string? CustomerId(int ordinal)
    {
        if (Trimmed(ordinal) is not { } id)
        {
            Reject(ordinal, null, "The customer id is empty (null).");
            return null;
        }

        if (id.Length == 0)
        {
            Reject(ordinal, string.Empty, "The customer id is empty.");
            return null;
        }

        return _options.Pseudonymizer?.Pseudonymize(id) ?? id;
    }

    /// <summary>A finite number in a field of the current row, in the options' culture; the row is rejected
    /// ("The {field}: ...") when it is empty or not one.</summary>
    /// <exception cref="DataReadException">Fail fast, or one reject more than the options allow.</exception>
    public bool Number(int ordinal, string field, out double value)
    {
        string? problem;
        bool ok;
        if (IsNull(ordinal))
        {
            (ok, value, problem) = (false, 0, $"The {field} is empty (null).");
        }
        else
        {
            ok = IsText(ordinal)
                ? Numbers.TryParseFinite(Text(ordinal), _options.Culture, out value, out problem)
                : Numbers.TryConvertFinite(Value(ordinal), _options.Culture, out value, out problem);
            problem = $"The {field}: {problem}";
        }

        if (!ok)
        {
            Reject(ordinal, Raw(ordinal), problem);
        }

        return ok;
    }

    /// <summary>Rows of a delimited text file.</summary>
    /// <exception cref="DataReadException">The file is empty or its first line cannot be read.</exception>
    public static SourceRows OpenCsv(Stream stream, string sourceName, CsvFormat format, bool leaveOpen, DataReadOptions options)
    {
        if (stream.CanSeek && stream.Length == stream.Position)
        {
            throw new DataReadException(sourceName, 0, 0, null, null, "The file is empty: it has no header and no rows.", "path");
        }

        Stream text = stream;
        if (IsGzip(stream, sourceName))
        {
            text = new GZipStream(stream, CompressionMode.Decompress, leaveOpen);
            leaveOpen = false;
        }

        TextReader textReader = new StreamReader(text, format.Encoding ?? new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen);
        var csvOptions = new CsvDataReaderOptions
        {
            HasHeaders = format.HasHeader,
            Quote = format.Quote,
            Culture = options.Culture,
            OwnsReader = true,
            BufferSize = 1 << 16,
        };
        if (format.WhitespaceSeparated)
        {
            textReader = new WhitespaceSeparatedReader(textReader);
            csvOptions.Delimiter = '\t';
        }
        else if (format.Delimiter is { } delimiter)
        {
            csvOptions.Delimiter = delimiter;
        }

        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(textReader, csvOptions);
        }
        catch (CsvFormatException e)
        {
            textReader.Dispose();
            throw new DataReadException(sourceName, e.RowNumber, 0, null, null, $"The first line cannot be read as delimited text: {e.Message}", "path", e);
        }

        if (csv.FieldCount == 0)
        {
            csv.Dispose();
            throw new DataReadException(sourceName, 0, 0, null, null, "The file is empty: it has no header and no rows.", "path");
        }

        return new SourceRows(csv, sourceName, format.HasHeader, ownsReader: true, stream, options);
    }

    /// <summary>Moves to the next row; the first call may be made only once per source.</summary>
    /// <exception cref="DataReadException">The file's quoting is broken (it cannot be read on from there).</exception>
    public bool Read()
    {
        try
        {
            if (!_reader.Read())
            {
                return false;
            }
        }
        catch (CsvFormatException e)
        {
            throw Malformed(e);
        }

        Advance();
        return true;
    }

    /// <inheritdoc cref="Read"/>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await _reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        catch (CsvFormatException e)
        {
            throw Malformed(e);
        }

        Advance();
        return true;
    }

    /// <summary>Marks the source as being read; a second read of the same source is an error.</summary>
    /// <exception cref="InvalidOperationException">The source was read already.</exception>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"{SourceName} has been read already: a reader reads its source once. Open it again to read it again.");
        }
    }

    /// <summary>Whether the current row has exactly the source's fields; if not, rejects it (or throws).</summary>
    public bool HasAllFields()
    {
        if (_csv is null || _csv.RowFieldCount == Columns.FieldCount)
        {
            return true;
        }

        int count = _csv.RowFieldCount;
        Reject(-1, null, count < Columns.FieldCount
            ? $"The row has {count} field(s) where the header has {Columns.FieldCount}: missing fields."
            : $"The row has {count} fields where the header has {Columns.FieldCount}: extra fields (a delimiter inside an unquoted value?).");
        return false;
    }

    public bool IsNull(int ordinal) => _csv is null && _reader.IsDBNull(ordinal);

    public bool IsText(int ordinal) => _isText[ordinal];

    /// <summary>The field as text (a CSV field without copying; a database string).</summary>
    public ReadOnlySpan<char> Text(int ordinal) => _csv is not null ? _csv.GetFieldSpan(ordinal) : _reader.GetString(ordinal).AsSpan();

    /// <summary>The field's typed value (a database reader).</summary>
    public object Value(int ordinal) => _reader.GetValue(ordinal);

    /// <summary>The field as written, for a message: at most 200 characters.</summary>
    public string? Raw(int ordinal)
    {
        if (ordinal < 0 || IsNull(ordinal))
        {
            return null;
        }

        if (_isText[ordinal])
        {
            var text = Text(ordinal);
            return text.Length <= MaxValueLength ? new string(text) : string.Concat(text[..MaxValueLength], "…");
        }

        return Convert.ToString(_reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Used() => _used++;

    /// <summary>The current row cannot be used: thrown (fail fast) or recorded (collect).</summary>
    /// <param name="ordinal">The field at fault, or −1 for the row itself.</param>
    /// <param name="value">Its raw text.</param>
    /// <param name="reason">What is wrong.</param>
    /// <exception cref="DataReadException">Fail fast, or one reject more than the options allow.</exception>
    public void Reject(int ordinal, string? value, string reason)
    {
        if (_deferred is not null && _options.BadRows == BadRowPolicy.Collect)
        {
            _deferred.Add(new RejectedRow(Line, ordinal + 1, Columns.NameOf(ordinal), value, reason));
            return;
        }

        Refuse(Line, ordinal, value, reason);
    }

    /// <summary>From now on, collected rejects of the reading thread wait for <see cref="CommitDeferred"/>, so that a
    /// worker that adds earlier rows meanwhile (and may reject some of them) counts its rejects against
    /// <see cref="DataReadOptions.MaxRejects"/> first: the limit is reached at the same row as in a sequential read.</summary>
    public void DeferRejects() => _deferred ??= [];

    /// <summary>Whether the deferred rejects alone take the rejects beyond the limit: the read is bound to fail, and should
    /// settle (let the worker finish, then <see cref="CommitDeferred"/>) now rather than at the end of the block.</summary>
    public bool DeferredBeyondLimit => _deferred is { } deferred && _rejects.Count + deferred.Count > _options.MaxRejects;

    /// <summary>The deferred rejects, in the order read: recorded, or thrown at the first beyond the limit.</summary>
    /// <exception cref="DataReadException">One reject more than the options allow.</exception>
    public void CommitDeferred()
    {
        if (_deferred is not { Count: > 0 } deferred)
        {
            return;
        }

        _deferred = [];
        foreach (var reject in deferred)
        {
            Refuse(reject.Line, reject.Column - 1, reject.Value, reject.Reason);
        }
    }

    /// <summary>Takes back a row counted as used, which a later step refused (the summary builder, which adds rows in
    /// blocks): rejected (collect) or thrown (fail fast), as <see cref="Reject"/>.</summary>
    /// <param name="line">The row's line.</param>
    /// <param name="ordinal">The field at fault.</param>
    /// <param name="value">Its value, as text.</param>
    /// <param name="reason">What is wrong.</param>
    /// <exception cref="DataReadException">Fail fast, or one reject more than the options allow.</exception>
    /// <remarks>Thread-safe with the reading thread's calls (the reader's pipeline adds blocks on a worker).</remarks>
    public void Unuse(long line, int ordinal, string? value, string reason)
    {
        lock (_rejects)
        {
            _takenBack++;
            Refuse(line, ordinal, value, reason);
        }
    }

    /// <summary>Reports progress every 65,536 rows, and at the end when <paramref name="final"/>.</summary>
    public void Progress(IProgress<ReadProgress>? progress, bool final = false)
    {
        if (progress is not null && (final || (_row & (ProgressInterval - 1)) == 0))
        {
            progress.Report(new ReadProgress(_row, _file is { CanSeek: true } ? _file.Position : 0, _fileLength));
        }
    }

    public void Dispose()
    {
        if (_ownsReader)
        {
            _reader.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsReader)
        {
            await _reader.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Refuse(long line, int ordinal, string? value, string reason)
    {
        lock (_rejects)
        {
            if (_options.BadRows == BadRowPolicy.Collect && _rejects.Count < _options.MaxRejects)
            {
                _rejects.Add(new RejectedRow(line, ordinal + 1, Columns.NameOf(ordinal), value, reason));
                return;
            }
        }

        throw new DataReadException(
            SourceName,
            line,
            ordinal + 1,
            Columns.NameOf(ordinal),
            value,
            _options.BadRows == BadRowPolicy.FailFast ? reason : $"More than {_options.MaxRejects} rows rejected (DataReadOptions.MaxRejects); the read stops. This one: {reason}",
            "reader");
    }

    /// <summary>Whether a stream is gzip-compressed: its name ends in .gz, or (when it can seek) it starts with the
    /// gzip signature 1F 8B.</summary>
    private static bool IsGzip(Stream stream, string name)
    {
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!stream.CanSeek)
        {
            return false;
        }

        long start = stream.Position;
        Span<byte> signature = stackalloc byte[2];
        int read = stream.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
        stream.Position = start;
        return read == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
    }

    /// <summary>Counts the row just read, and the file lines its record takes.</summary>
    private void Advance()
    {
        _row++;
        if (_csv is not null)
        {
            // The raw record ends with its own line break, if any: the breaks before it are inside quoted fields.
            var raw = _csv.GetRawRecordSpan();
            _line = _nextLine;
            _nextLine = _line + raw.Count('\n') + (raw.EndsWith('\n') ? 0 : 1);
        }
    }

    /// <summary>The record that cannot be read starts where the next one would.</summary>
    private DataReadException Malformed(CsvFormatException e) =>
        new(SourceName, _nextLine, e.FieldOrdinal + 1, Columns.NameOf(e.FieldOrdinal), null, $"Malformed delimited text (a quote that does not close, or text after a closing quote); the file cannot be read on from here. {e.Message}", "reader", e);
}
