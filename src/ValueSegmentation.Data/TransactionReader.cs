using System.Data.Common;
using System.Runtime.CompilerServices;
using ValueSegmentation.Data.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data;

/// <summary>
/// Reads transactions from any ADO.NET source — a <see cref="DbDataReader"/> of a database query, or a delimited text
/// file through Sylvan.Data.Csv (<see cref="OpenCsv(string, TransactionReadOptions?, CsvFormat?)"/>) — streaming them
/// into the summary builder (<see cref="Summarize(ObservationWindow, TransactionOrder, TransactionsAfterEnd, IProgress{ReadProgress}, CancellationToken)"/>) or to the caller (<see cref="ReadAll"/>), never holding the log.
/// </summary>
/// <remarks>
/// <para>Columns are found by the names common exports use, or as <see cref="TransactionReadOptions.Columns"/> says.
/// Every row is either used or rejected, and <see cref="Report"/> counts both: with
/// <see cref="BadRowPolicy.FailFast"/> (the default) the first bad row throws a <see cref="DataReadException"/> naming
/// its line, column, value and fault; with <see cref="BadRowPolicy.Collect"/> it is recorded and the read goes on.</para>
/// <para>Customer ids are made once per customer and shared by all of its rows.</para>
/// <para>A reader reads its source once and is not thread-safe; dispose of it to close the file (or, when it owns it,
/// the database reader).</para>
/// </remarks>
public sealed class TransactionReader : IDisposable, IAsyncDisposable
{
    private readonly SourceRows _rows;
    private readonly TransactionReadOptions _options;
    private readonly TimestampParser _timestamps;
    private readonly IdPool _ids;
    private readonly int _id, _timestamp, _amount, _cost, _quantity;
    private readonly QualityProfiler _quality;

    private TransactionReader(SourceRows rows, TransactionReadOptions options)
    {
        _rows = rows;
        _options = options;
        _timestamps = new TimestampParser(options);
        _ids = new IdPool(options.Pseudonymizer);
        var columns = options.Columns;
        var resolver = rows.Columns;
        try
        {
            _id = resolver.Required(columns.CustomerId, TransactionColumns.CustomerIdNames, 0, "customer id", "TransactionColumns.CustomerId");
            _timestamp = resolver.Required(columns.Timestamp, TransactionColumns.TimestampNames, 1, "timestamp", "TransactionColumns.Timestamp");
            _amount = resolver.Required(columns.Amount, TransactionColumns.AmountNames, 2, "amount", "TransactionColumns.Amount");
            _cost = resolver.Optional(columns.Cost, TransactionColumns.CostNames, 3, "TransactionColumns.Cost");
            _quantity = columns.Quantity is null ? -1 : resolver.Optional(columns.Quantity, [], -1, "TransactionColumns.Quantity");
        }
        catch
        {
            rows.Dispose();
            throw;
        }

        _quality = new QualityProfiler(options.Quality, hasCost: _cost >= 0);
    }

    /// <summary>The source: the file's path, or the name given for a database reader.</summary>
    public string SourceName => _rows.SourceName;

    /// <summary>What the read has done so far with every row (a new snapshot on each call).</summary>
    public ReadReport Report => _rows.Report;

    /// <summary>The row checks of the data-quality profile over the rows used so far (a new snapshot on each call); the
    /// summaries' <see cref="SummaryReadResult.Quality"/> adds the customer checks.</summary>
    public DataQualityProfile Quality
    {
        get
        {
            lock (_quality)
            {
                return _quality.Rows();
            }
        }
    }

    /// <summary>Reads transactions from a database reader (or any <see cref="DbDataReader"/>).</summary>
    /// <param name="reader">The reader, positioned before its first row. Its column names are the header.</param>
    /// <param name="options">How to map and parse the rows; <see langword="null"/> for <see cref="TransactionReadOptions.Default"/>.</param>
    /// <param name="sourceName">What to call the source in reports and errors, for example the query; default "query".</param>
    /// <param name="leaveOpen">Whether the reader stays open when this one is disposed; by default it is disposed with it.</param>
    /// <returns>The transaction reader.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="DataReadException">A needed column is missing or named twice.</exception>
    public static TransactionReader Create(DbDataReader reader, TransactionReadOptions? options = null, string? sourceName = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= TransactionReadOptions.Default;
        options.Validate();
        return new TransactionReader(SourceRows.Over(reader, sourceName ?? "query", ownsReader: !leaveOpen, options), options);
    }

    /// <summary>Opens a delimited text file (CSV by default; gzip-compressed when its name ends in .gz or its bytes say so).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">How to map and parse the rows; <see langword="null"/> for <see cref="TransactionReadOptions.Default"/>.</param>
    /// <param name="format">The file's layout; <see langword="null"/> for <see cref="CsvFormat.Default"/>.</param>
    /// <returns>The transaction reader, which owns the file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or an option is out of range.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="DataReadException">The file is empty, or a needed column is missing or named twice.</exception>
    public static TransactionReader OpenCsv(string path, TransactionReadOptions? options = null, CsvFormat? format = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= TransactionReadOptions.Default;
        options.Validate();
        var rows = SourceRows.OpenCsvFile(path, format ?? CsvFormat.Default, options);
        try
        {
            return new TransactionReader(rows, options);
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    /// <summary>Reads delimited text from a stream (gzip-compressed when <paramref name="sourceName"/> ends in .gz, or
    /// when the stream can seek and starts with gzip's signature).</summary>
    /// <param name="stream">The stream, positioned at the start of the text.</param>
    /// <param name="sourceName">What to call the source in reports and errors.</param>
    /// <param name="options">How to map and parse the rows; <see langword="null"/> for <see cref="TransactionReadOptions.Default"/>.</param>
    /// <param name="format">The layout; <see langword="null"/> for <see cref="CsvFormat.Default"/>.</param>
    /// <param name="leaveOpen">Whether the stream stays open when the reader is disposed.</param>
    /// <returns>The transaction reader.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="sourceName"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="DataReadException">The text is empty, or a needed column is missing or named twice.</exception>
    public static TransactionReader OpenCsv(Stream stream, string sourceName, TransactionReadOptions? options = null, CsvFormat? format = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= TransactionReadOptions.Default;
        options.Validate();
        return new TransactionReader(SourceRows.OpenCsv(stream, sourceName, format ?? CsvFormat.Default, leaveOpen, options), options);
    }

    /// <summary>The summaries of a CSV file in one call: opens it, reads every row into a summary builder, closes it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="window">The observation window of the summaries.</param>
    /// <param name="options">How to map and parse the rows; <see langword="null"/> for the defaults.</param>
    /// <param name="format">The file's layout; <see langword="null"/> for <see cref="CsvFormat.Default"/>.</param>
    /// <returns>The summaries and the report of the read.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or an option is out of range.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is null.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="DataReadException">The file cannot be used (see <see cref="Summarize(ObservationWindow, TransactionOrder, TransactionsAfterEnd, IProgress{ReadProgress}, CancellationToken)"/>).</exception>
    public static SummaryReadResult SummarizeCsv(string path, ObservationWindow window, TransactionReadOptions? options = null, CsvFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(window);
        using var reader = OpenCsv(path, options, format);
        return reader.Summarize(window);
    }

    /// <summary>The summaries of a CSV file in one call, to the day of its latest transaction (see
    /// <see cref="Summarize(TimeUnit, PurchasePeriod, TransactionOrder, IProgress{ReadProgress}, CancellationToken)"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="timeUnit">The unit of recency and age.</param>
    /// <param name="options">How to map and parse the rows; <see langword="null"/> for the defaults.</param>
    /// <param name="format">The file's layout; <see langword="null"/> for <see cref="CsvFormat.Default"/>.</param>
    /// <returns>The summaries and the report of the read.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or an option is out of range.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="DataReadException">The file cannot be used.</exception>
    public static SummaryReadResult SummarizeCsv(string path, TimeUnit timeUnit, TransactionReadOptions? options = null, CsvFormat? format = null)
    {
        using var reader = OpenCsv(path, options, format);
        return reader.Summarize(timeUnit);
    }

    /// <summary>Reads every row into a new summary builder and builds the summaries.</summary>
    /// <param name="window">The observation window of the summaries.</param>
    /// <param name="order">What may be assumed about the order of each customer's rows. Default:
    /// <see cref="TransactionOrder.Any"/>; <see cref="TransactionOrder.Chronological"/> is faster on a log sorted by
    /// time (or by customer and time).</param>
    /// <param name="afterEnd">What to do with a row after the window's end: reject it (the default; a bad row, under the
    /// bad-row policy) or drop and count it in the summaries' <c>DroppedTransactionCount</c>.</param>
    /// <param name="progress">Receives the rows and bytes read every 65,536 rows and at the end.</param>
    /// <param name="cancellationToken">Cancels the read between rows.</param>
    /// <returns>The summaries and the report of the read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is null.</exception>
    /// <exception cref="DataReadException">A row is bad (fail fast), more rows are rejected than allowed, or the file's
    /// quoting is broken.</exception>
    /// <exception cref="InvalidOperationException">The source has been read already.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public SummaryReadResult Summarize(ObservationWindow window, TransactionOrder order = TransactionOrder.Any, TransactionsAfterEnd afterEnd = TransactionsAfterEnd.Reject, IProgress<ReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var builder = new CustomerSummaryBuilder(window, order, afterEnd);
        Fill(builder, progress, cancellationToken);
        return Result(builder.Build());
    }

    /// <summary>Reads every row into a new summary builder and builds the summaries of the window that ends on the
    /// day (purchase period) of the latest transaction, as lifetimes' <c>summary_data_from_transaction_data</c> does
    /// when no observation end is given: one pass over the source, whose end need not be known beforehand.</summary>
    /// <param name="timeUnit">The unit of recency and age.</param>
    /// <param name="purchasePeriod">The period within which a customer's rows count as one purchase. Default: a day.</param>
    /// <param name="order">What may be assumed about the order of each customer's rows (see <see cref="Summarize(ObservationWindow, TransactionOrder, TransactionsAfterEnd, IProgress{ReadProgress}, CancellationToken)"/>).</param>
    /// <param name="progress">Receives the rows and bytes read every 65,536 rows and at the end.</param>
    /// <param name="cancellationToken">Cancels the read between rows.</param>
    /// <returns>The summaries and the report of the read.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An enum argument is not a defined value.</exception>
    /// <exception cref="DataReadException">A row is bad (fail fast), more rows are rejected than allowed, or the file's
    /// quoting is broken.</exception>
    /// <exception cref="InvalidOperationException">The source has been read already.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public SummaryReadResult Summarize(TimeUnit timeUnit, PurchasePeriod purchasePeriod = PurchasePeriod.Day, TransactionOrder order = TransactionOrder.Any, IProgress<ReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var builder = new CustomerSummaryBuilder(OpenWindow(timeUnit, purchasePeriod), order);
        Fill(builder, progress, cancellationToken);
        return Result(builder.BuildToLatestTransaction());
    }

    /// <summary>As <see cref="Summarize(ObservationWindow, TransactionOrder, TransactionsAfterEnd, IProgress{ReadProgress}, CancellationToken)"/>, reading the source asynchronously (for database readers).</summary>
    /// <param name="window">The observation window of the summaries.</param>
    /// <param name="order">What may be assumed about the order of each customer's rows.</param>
    /// <param name="afterEnd">What to do with a row after the window's end.</param>
    /// <param name="progress">Receives the rows and bytes read every 65,536 rows and at the end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The summaries and the report of the read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is null.</exception>
    /// <exception cref="DataReadException">A row is bad (fail fast), more rows are rejected than allowed, or the file's
    /// quoting is broken.</exception>
    /// <exception cref="InvalidOperationException">The source has been read already.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public async Task<SummaryReadResult> SummarizeAsync(ObservationWindow window, TransactionOrder order = TransactionOrder.Any, TransactionsAfterEnd afterEnd = TransactionsAfterEnd.Reject, IProgress<ReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var builder = new CustomerSummaryBuilder(window, order, afterEnd);
        await FillAsync(builder, progress, cancellationToken).ConfigureAwait(false);
        return Result(builder.Build());
    }

    /// <summary>As <see cref="Summarize(TimeUnit, PurchasePeriod, TransactionOrder, IProgress{ReadProgress}, CancellationToken)"/>,
    /// reading the source asynchronously: the window ends on the day of the latest transaction.</summary>
    /// <param name="timeUnit">The unit of recency and age.</param>
    /// <param name="purchasePeriod">The period within which a customer's rows count as one purchase.</param>
    /// <param name="order">What may be assumed about the order of each customer's rows.</param>
    /// <param name="progress">Receives the rows and bytes read every 65,536 rows and at the end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The summaries and the report of the read.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An enum argument is not a defined value.</exception>
    /// <exception cref="DataReadException">A row is bad (fail fast), more rows are rejected than allowed, or the file's
    /// quoting is broken.</exception>
    /// <exception cref="InvalidOperationException">The source has been read already.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public async Task<SummaryReadResult> SummarizeAsync(TimeUnit timeUnit, PurchasePeriod purchasePeriod = PurchasePeriod.Day, TransactionOrder order = TransactionOrder.Any, IProgress<ReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var builder = new CustomerSummaryBuilder(OpenWindow(timeUnit, purchasePeriod), order);
        await FillAsync(builder, progress, cancellationToken).ConfigureAwait(false);
        return Result(builder.BuildToLatestTransaction());
    }

    /// <summary>The transactions of the source one by one, as they are read; rejected rows are left out and counted
    /// in <see cref="Report"/>. Enumerate it once.</summary>
    /// <param name="progress">Receives the rows and bytes read every 65,536 rows and at the end.</param>
    /// <param name="cancellationToken">Cancels the read between rows.</param>
    /// <returns>The transactions.</returns>
    /// <exception cref="DataReadException">While enumerating: a row is bad (fail fast), more rows are rejected than
    /// allowed, or the file's quoting is broken.</exception>
    /// <exception cref="InvalidOperationException">While enumerating: the source has been read already.</exception>
    public IEnumerable<Transaction> ReadAll(IProgress<ReadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        _rows.Start();
        while (_rows.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryParseOne(out var transaction))
            {
                _rows.Progress(progress);
                yield return transaction;
            }
            else
            {
                _rows.Progress(progress);
            }
        }

        _rows.Progress(progress, final: true);
    }

    /// <summary>As <see cref="ReadAll"/>, reading the source asynchronously. Enumerate it once.</summary>
    /// <param name="progress">Receives the rows and bytes read every 65,536 rows and at the end.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The transactions.</returns>
    /// <exception cref="DataReadException">While enumerating: a row is bad (fail fast), more rows are rejected than
    /// allowed, or the file's quoting is broken.</exception>
    /// <exception cref="InvalidOperationException">While enumerating: the source has been read already.</exception>
    public async IAsyncEnumerable<Transaction> ReadAllAsync(IProgress<ReadProgress>? progress = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        _rows.Start();
        while (await _rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            bool used = TryParseOne(out var transaction);
            _rows.Progress(progress);
            if (used)
            {
                yield return transaction;
            }
        }

        _rows.Progress(progress, final: true);
    }

    /// <inheritdoc />
    public void Dispose() => _rows.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _rows.DisposeAsync();

    /// <summary>A window that accepts every transaction: the summaries are built to the latest one afterwards.</summary>
    private static ObservationWindow OpenWindow(TimeUnit timeUnit, PurchasePeriod purchasePeriod) =>
        new(DateTimeOffset.MaxValue, timeUnit, purchasePeriod);

    private SummaryReadResult Result(CustomerSummaryCollection summaries) => new(summaries, Report, _quality.WithCustomers(summaries));

    /// <summary>Every row into the builder, a block at a time (see <see cref="BlockPipeline"/>).</summary>
    private void Fill(CustomerSummaryBuilder builder, IProgress<ReadProgress>? progress, CancellationToken cancellationToken)
    {
        _rows.Start();
        var pipeline = new BlockPipeline(this, builder);
        try
        {
            while (_rows.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                pipeline.ThrowIfFailed();
                if (Parse(pipeline.Filling))
                {
                    pipeline.Submit();
                }
                else if (_rows.DeferredBeyondLimit)
                {
                    pipeline.Settle();
                }

                _rows.Progress(progress);
            }
        }
        catch (DataReadException bad)
        {
            pipeline.Finish(before: bad.Line); // the rows before the bad one first: if the builder refuses one of them, that is the first bad row
            throw;
        }
        catch
        {
            pipeline.Abandon();
            throw;
        }

        pipeline.Finish(before: long.MaxValue);
        _rows.Progress(progress, final: true);
    }

    private async Task FillAsync(CustomerSummaryBuilder builder, IProgress<ReadProgress>? progress, CancellationToken cancellationToken)
    {
        _rows.Start();
        var pipeline = new BlockPipeline(this, builder);
        try
        {
            while (await _rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await pipeline.ThrowIfFailedAsync().ConfigureAwait(false);
                if (Parse(pipeline.Filling))
                {
                    await pipeline.SubmitAsync().ConfigureAwait(false);
                }
                else if (_rows.DeferredBeyondLimit)
                {
                    await pipeline.SettleAsync().ConfigureAwait(false);
                }

                _rows.Progress(progress);
            }
        }
        catch (DataReadException bad)
        {
            await pipeline.FinishAsync(before: bad.Line).ConfigureAwait(false);
            throw;
        }
        catch
        {
            await pipeline.AbandonAsync().ConfigureAwait(false);
            throw;
        }

        await pipeline.FinishAsync(before: long.MaxValue).ConfigureAwait(false);
        _rows.Progress(progress, final: true);
    }

    /// <summary>The current row into the block, or rejected (thrown, failing fast).</summary>
    /// <returns>Whether the block is full.</returns>
    private bool Parse(TransactionBlock block)
    {
        if (!TryParse(out var row))
        {
            return false;
        }

        _rows.Used();
        return block.Add(row.Id, row.Timestamp, row.Amount, row.Cost, _rows.Line);
    }

    /// <summary>The block into the builder: its ids interned, its rows profiled, then added. A transaction the builder
    /// refuses (after the window's end, out of time order) is taken back from the rows used and the profile, and
    /// rejected, and the rest of the block goes on. Runs on the pipeline's worker while the next block is parsed (it
    /// shares nothing with parsing but the rows' counts and rejects, which <see cref="SourceRows"/> locks, and the
    /// profile, which it locks for the block), or on the reading thread for the last block.</summary>
    private void Flush(CustomerSummaryBuilder builder, TransactionBlock block)
    {
        _ids.InternAll(block);
        lock (_quality)
        {
            for (int i = 0; i < block.Count; i++)
            {
                block.Flags[i] = _quality.Observe(block.Lines[i], block.Transactions[i], block.Repeats[i]);
            }
        }

        int start = 0;
        while (start < block.Count)
        {
            try
            {
                builder.AddRange(block.Transactions.AsSpan(start, block.Count - start));
                break;
            }
            catch (TransactionException refused) when (refused.Position is { } position)
            {
                int at = start + (int)position;
                lock (_quality)
                {
                    _quality.Forget(block.Lines[at], block.Flags[at]);
                }

                _rows.Unuse(block.Lines[at], _timestamp, block.Transactions[at].Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture), refused.Reason);
                start = at + 1;
            }
        }

        block.Clear();
    }

    /// <summary>The current row as a transaction of its own (interned and profiled at once), or false having rejected it.</summary>
    private bool TryParseOne(out Transaction transaction)
    {
        if (!TryParse(out var row))
        {
            transaction = default;
            return false;
        }

        string id = _ids.Intern(row.Id, row.Timestamp.UtcTicks, row.Amount, out bool repeats);
        transaction = new Transaction(id, row.Timestamp, row.Amount, row.Cost);
        _rows.Used();
        _quality.Observe(_rows.Line, transaction, repeats);
        return true;
    }

    /// <summary>The current row's fields, or false having rejected it (or thrown, failing fast).</summary>
    private bool TryParse(out Row row)
    {
        row = default;
        if (!_rows.HasAllFields() || !ParseId(out row.Id))
        {
            return false;
        }

        if (!ParseTimestamp(out row.Timestamp)
            || !ParseNumber(_amount, "amount", out row.Amount)
            || !ParseCost(out row.Cost))
        {
            return false;
        }

        if (_quantity >= 0)
        {
            if (!ParseNumber(_quantity, "quantity", out double quantity))
            {
                return false;
            }

            row.Amount *= quantity;
            row.Cost *= quantity;
        }

        if (Math.Abs(row.Amount) > Transaction.MaxAmount)
        {
            return Reject(_amount, $"The amount's magnitude exceeds {Transaction.MaxAmount:G} (Transaction.MaxAmount).");
        }

        if (row.Amount < 0 && _options.RejectNegativeAmounts)
        {
            return Reject(_amount, "A negative amount (a refund), which the options reject (TransactionReadOptions.RejectNegativeAmounts).");
        }

        if (row.Cost is { } c && (c < 0 || c > Transaction.MaxAmount))
        {
            return Reject(_cost, c < 0 ? "A negative cost." : $"The cost exceeds {Transaction.MaxAmount:G} (Transaction.MaxAmount).");
        }

        return true;
    }

    /// <summary>The customer id as read (trimmed, the writer's formula escape undone), or false having rejected an empty one.</summary>
    private bool ParseId(out ReadOnlySpan<char> id)
    {
        if (_rows.IsNull(_id))
        {
            id = default;
            return Reject(_id, "The customer id is empty (null).");
        }

        id = _rows.IsText(_id)
            ? CsvCells.Unescape(_rows.Text(_id).Trim())
            : (Convert.ToString(_rows.Value(_id), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).AsSpan();
        return !id.IsEmpty || Reject(_id, "The customer id is empty.");
    }

    private bool ParseTimestamp(out DateTimeOffset timestamp)
    {
        string? problem;
        bool ok = _rows.IsNull(_timestamp)
            ? Fail("The timestamp is empty (null).", out timestamp, out problem)
            : _rows.IsText(_timestamp)
                ? _timestamps.TryParse(_rows.Text(_timestamp), out timestamp, out problem)
                : _timestamps.TryConvert(_rows.Value(_timestamp), out timestamp, out problem);
        return ok || Reject(_timestamp, problem!);
    }

    private bool ParseNumber(int ordinal, string field, out double value)
    {
        string? problem;
        bool ok = _rows.IsNull(ordinal)
            ? Fail($"The {field} is empty (null).", out value, out problem)
            : _rows.IsText(ordinal)
                ? Numbers.TryParseFinite(_rows.Text(ordinal), _options.Culture, out value, out problem)
                : Numbers.TryConvertFinite(_rows.Value(ordinal), _options.Culture, out value, out problem);
        return ok || Reject(ordinal, $"The {field}: {problem}");
    }

    /// <summary>The optional cost: none when there is no cost column or the field is empty.</summary>
    private bool ParseCost(out double? cost)
    {
        cost = null;
        if (_cost < 0 || _rows.IsNull(_cost) || (_rows.IsText(_cost) && _rows.Text(_cost).Trim().IsEmpty))
        {
            return true;
        }

        if (!ParseNumber(_cost, "cost", out double value))
        {
            return false;
        }

        cost = value;
        return true;
    }

    /// <summary>Blocks handed from the reading thread to a worker that interns, profiles and adds them, so that the next
    /// block is parsed meanwhile: parsing takes one core, and interning and adding (both parallel) the time left. At most
    /// one block is being added; a block's failure (a row the builder refuses, failing fast) surfaces at the next
    /// hand-over or at the end, before any error of a later row.</summary>
    private sealed class BlockPipeline
    {
        private readonly TransactionReader _reader;
        private readonly CustomerSummaryBuilder _builder;
        private TransactionBlock? _spare; // made at the first hand-over: a source of one block needs one
        private Task? _adding;
        private bool _failed; // a block failed: nothing more is added

        public BlockPipeline(TransactionReader reader, CustomerSummaryBuilder builder)
        {
            _reader = reader;
            _builder = builder;
            reader._rows.DeferRejects();
        }

        /// <summary>The block being parsed into.</summary>
        public TransactionBlock Filling { get; private set; } = new();

        /// <summary>Stops the read as soon as the block being added has failed, instead of at the next hand-over.</summary>
        public void ThrowIfFailed()
        {
            if (_adding is { IsCompleted: true, IsCompletedSuccessfully: false })
            {
                WaitForAdding();
            }
        }

        public ValueTask ThrowIfFailedAsync() =>
            _adding is { IsCompleted: true, IsCompletedSuccessfully: false } ? WaitForAddingAsync() : ValueTask.CompletedTask;

        /// <summary>Hands the full block to the worker (once it has added the previous one and the rejects of the
        /// previous rows are counted, in file order), and parses into the other.</summary>
        public void Submit()
        {
            Settle();
            Start();
        }

        public async ValueTask SubmitAsync()
        {
            await SettleAsync().ConfigureAwait(false);
            Start();
        }

        /// <summary>Waits for the block being added and counts the rejects read since (a read bound to exceed
        /// <see cref="DataReadOptions.MaxRejects"/> then fails at the row a sequential read would).</summary>
        public void Settle()
        {
            WaitForAdding();
            _reader._rows.CommitDeferred();
        }

        public async ValueTask SettleAsync()
        {
            await WaitForAddingAsync().ConfigureAwait(false);
            _reader._rows.CommitDeferred();
        }

        /// <summary>Adds the rows of the last block before line <paramref name="before"/> (all of them at the end of the
        /// source; the ones before a bad row when the read fails), after the block being added, unless a block failed.</summary>
        public void Finish(long before)
        {
            WaitForAdding();
            FinishLast(before);
        }

        public async ValueTask FinishAsync(long before)
        {
            await WaitForAddingAsync().ConfigureAwait(false);
            FinishLast(before);
        }

        /// <summary>Waits for the block being added: nothing runs on after the read has failed, and the block's own
        /// failure, about earlier rows, is the one thrown.</summary>
        public void Abandon() => WaitForAdding();

        public ValueTask AbandonAsync() => WaitForAddingAsync();

        private void FinishLast(long before)
        {
            if (_failed)
            {
                return;
            }

            _reader._rows.CommitDeferred();
            Filling.KeepRowsBefore(before);
            _reader.Flush(_builder, Filling);
        }

        private void Start()
        {
            var full = Filling;
            Filling = _spare ?? new();
            _spare = full;
            _adding = Task.Run(() => _reader.Flush(_builder, full));
        }

        private void WaitForAdding()
        {
            var adding = _adding;
            _adding = null;
            try
            {
                adding?.GetAwaiter().GetResult();
            }
            catch
            {
                _failed = true;
                throw;
            }
        }

        private async ValueTask WaitForAddingAsync()
        {
            var adding = _adding;
            _adding = null;
            try
            {
                if (adding is not null)
                {
                    await adding.ConfigureAwait(false);
                }
            }
            catch
            {
                _failed = true;
                throw;
            }
        }
    }

    /// <summary>A row's fields as parsed; the id is the source's text, valid until the next row is read.</summary>
    private ref struct Row
    {
        public ReadOnlySpan<char> Id;
        public DateTimeOffset Timestamp;
        public double Amount;
        public double? Cost;
    }

    private static bool Fail<T>(string reason, out T value, out string? problem)
    {
        value = default!;
        problem = reason;
        return false;
    }

    private bool Reject(int ordinal, string reason)
    {
        _rows.Reject(ordinal, _rows.Raw(ordinal), reason);
        return false;
    }
}
