namespace ValueSegmentation.Transactions;

/// <summary>
/// The summaries of a population as columns (a struct of arrays): what a <see cref="CustomerSummaryCollection"/> built
/// by the builder, or from numbers in bulk, keeps instead of one <see cref="CustomerSummary"/> object per customer.
/// </summary>
/// <remarks>
/// <para>A row holds exactly the state of one summary, so <see cref="Summary"/> recreates it to the last bit and
/// <see cref="Copy"/> gives what its properties give. Time is kept in one of two forms: for summaries of a window, the
/// first and last calibration purchase as clock ticks (their offsets only when one is not zero; purchase periods and
/// durations follow from the window); for summaries given by numbers, recency and age. Cost and holdout columns exist
/// only when some customer has a cost or a holdout purchase.</para>
/// <para>Without cost and holdout a customer costs 48 bytes here (44 for summaries given by numbers) plus its identifier, which the builder takes from the
/// log (one string per customer, shared with nothing else once the log is gone).</para>
/// <para>Written once by the code that creates it (rows may be written in parallel, each by one thread), then only
/// read: thread-safe from then on.</para>
/// </remarks>
internal sealed class SummaryColumns
{
    private readonly string[] _ids;
    private readonly int[] _purchases;
    private readonly int[]? _transactions; // null for summaries given by numbers: one transaction per purchase
    private readonly double[] _firstValue;
    private readonly double[] _laterValue;

    // Summaries of a window: the first and last calibration purchase.
    private readonly long[]? _firstTicks;
    private readonly long[]? _lastTicks;
    private readonly short[]? _firstOffsets; // minutes; null when every offset is zero
    private readonly short[]? _lastOffsets;

    // Summaries given by numbers.
    private readonly double[]? _recency;
    private readonly double[]? _age;

    private readonly double[]? _cost;
    private readonly int[]? _transactionsWithCost;

    private readonly HoldoutColumns? _holdout;

    private SummaryColumns(int count, ObservationWindow? window, TimeUnit timeUnit, bool offsets, bool costs, bool holdout)
    {
        Count = count;
        Window = window;
        TimeUnit = timeUnit;
        _ids = new string[count];
        _purchases = GC.AllocateUninitializedArray<int>(count);
        _firstValue = GC.AllocateUninitializedArray<double>(count);
        _laterValue = GC.AllocateUninitializedArray<double>(count);
        if (window is null)
        {
            _recency = GC.AllocateUninitializedArray<double>(count);
            _age = GC.AllocateUninitializedArray<double>(count);
        }
        else
        {
            _transactions = GC.AllocateUninitializedArray<int>(count);
            _firstTicks = GC.AllocateUninitializedArray<long>(count);
            _lastTicks = GC.AllocateUninitializedArray<long>(count);
            if (offsets)
            {
                _firstOffsets = new short[count];
                _lastOffsets = new short[count];
            }
        }

        if (costs)
        {
            _cost = new double[count];
            _transactionsWithCost = new int[count];
        }

        _holdout = holdout ? new HoldoutColumns(count) : null;
    }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>The window of every row; <see langword="null"/> for summaries given by numbers.</summary>
    public ObservationWindow? Window { get; }

    /// <summary>The time unit of recency and age.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>The identifiers, in row order.</summary>
    public ReadOnlySpan<string> Ids => _ids;

    /// <summary>Columns for summaries of <paramref name="window"/>.</summary>
    /// <param name="count">Rows.</param>
    /// <param name="window">The window.</param>
    /// <param name="offsets">Whether some purchase timestamp has a UTC offset other than zero.</param>
    /// <param name="costs">Whether some customer has a cost.</param>
    /// <param name="holdout">Whether some customer has a holdout purchase.</param>
    public static SummaryColumns ForWindow(int count, ObservationWindow window, bool offsets, bool costs, bool holdout) =>
        new(count, window, window.TimeUnit, offsets, costs, holdout);

    /// <summary>Columns for summaries given by numbers in <paramref name="timeUnit"/>.</summary>
    public static SummaryColumns ForNumbers(int count, TimeUnit timeUnit, bool costs, bool holdout) =>
        new(count, null, timeUnit, offsets: false, costs, holdout);

    /// <summary>Writes the row of a summary of the window.</summary>
    public void SetRow(int row, string id, in PeriodTally calibration, in PeriodTally holdout, long firstTicks, short firstOffset, long lastTicks, short lastOffset, double cost, int transactionsWithCost)
    {
        SetCommon(row, id, calibration, holdout, cost, transactionsWithCost);
        _firstTicks![row] = firstTicks;
        _lastTicks![row] = lastTicks;
        if (_firstOffsets is not null)
        {
            _firstOffsets[row] = firstOffset;
            _lastOffsets![row] = lastOffset;
        }
    }

    /// <summary>Writes the row of a summary given by numbers.</summary>
    public void SetRow(int row, string id, in CustomerSummary.NumberTallies tallies, double recency, double age)
    {
        SetCommon(row, id, tallies.Calibration, tallies.Holdout, tallies.Cost, tallies.TransactionsWithCost);
        _recency![row] = recency;
        _age![row] = age;
    }

    /// <summary>The summary of a row, equal (<see cref="CustomerSummary.Equals(CustomerSummary?)"/>) to the one the row
    /// was made from.</summary>
    public CustomerSummary Summary(int row)
    {
        var calibration = new PeriodTally
        {
            Periods = _purchases[row],
            Transactions = _transactions?[row] ?? _purchases[row],
            FirstValue = _firstValue[row],
            LaterValue = _laterValue[row],
        };
        var holdout = _holdout?.Tally(row) ?? default;
        double cost = _cost?[row] ?? 0;
        int transactionsWithCost = _transactionsWithCost?[row] ?? 0;
        if (Window is null)
        {
            var tallies = new CustomerSummary.NumberTallies(calibration, holdout, cost, transactionsWithCost);
            return CustomerSummary.FromValidatedNumbers(_ids[row], TimeUnit, tallies, _recency![row], _age![row]);
        }

        var first = Timestamp(_firstTicks![row], _firstOffsets?[row] ?? 0);
        var last = Timestamp(_lastTicks![row], _lastOffsets?[row] ?? 0);
        calibration.First = Window.PeriodOf(first);
        calibration.Last = Window.PeriodOf(last);
        return CustomerSummary.FromValidatedPeriods(_ids[row], Window, calibration, holdout, first, last, cost, transactionsWithCost);
    }

    /// <summary>Copies a column for the rows from <paramref name="start"/> on, as many as
    /// <paramref name="destination"/> holds.</summary>
    public void Copy(SummaryColumn column, int start, Span<double> destination)
    {
        int n = destination.Length;
        var purchases = _purchases.AsSpan(start, n);
        switch (column)
        {
            case SummaryColumn.Frequency:
                for (int i = 0; i < n; i++)
                {
                    destination[i] = purchases[i] - 1;
                }

                break;
            case SummaryColumn.PurchaseCount:
                ToDouble(purchases, destination);
                break;
            case SummaryColumn.TransactionCount:
                ToDouble(_transactions is null ? purchases : _transactions.AsSpan(start, n), destination);
                break;
            case SummaryColumn.Recency:
            case SummaryColumn.Age:
            case SummaryColumn.TimeSinceLastPurchase:
                CopyDurations(column, start, destination);
                break;
            case SummaryColumn.Revenue:
                Sum(_firstValue.AsSpan(start, n), _laterValue.AsSpan(start, n), destination);
                break;
            case SummaryColumn.FirstPurchaseRevenue:
                _firstValue.AsSpan(start, n).CopyTo(destination);
                break;
            case SummaryColumn.RepeatRevenue:
                _laterValue.AsSpan(start, n).CopyTo(destination);
                break;
            case SummaryColumn.MonetaryValue:
                var later = _laterValue.AsSpan(start, n);
                for (int i = 0; i < n; i++)
                {
                    int frequency = purchases[i] - 1;
                    destination[i] = frequency == 0 ? 0.0 : later[i] / frequency;
                }

                break;
            case SummaryColumn.CostOfGoods:
                CopyOrZero(_cost, start, destination);
                break;
            case SummaryColumn.TransactionsWithCost:
                if (_transactionsWithCost is null)
                {
                    destination.Clear();
                }
                else
                {
                    ToDouble(_transactionsWithCost.AsSpan(start, n), destination);
                }

                break;
            case SummaryColumn.HoldoutPurchaseCount:
                if (_holdout is null)
                {
                    destination.Clear();
                }
                else
                {
                    ToDouble(_holdout.Periods.AsSpan(start, n), destination);
                }

                break;
            case SummaryColumn.HoldoutRevenue:
                if (_holdout is null)
                {
                    destination.Clear();
                }
                else
                {
                    Sum(_holdout.FirstValue.AsSpan(start, n), _holdout.LaterValue.AsSpan(start, n), destination);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(column), column, "Not a column of a summary.");
        }
    }

    private static DateTimeOffset Timestamp(long clockTicks, short offsetMinutes) =>
        new(clockTicks, TimeSpan.FromMinutes(offsetMinutes));

    private void SetCommon(int row, string id, in PeriodTally calibration, in PeriodTally holdout, double cost, int transactionsWithCost)
    {
        _ids[row] = id;
        _purchases[row] = calibration.Periods;
        if (_transactions is not null)
        {
            _transactions[row] = calibration.Transactions;
        }

        _firstValue[row] = calibration.FirstValue;
        _laterValue[row] = calibration.LaterValue;
        if (_cost is not null)
        {
            _cost[row] = cost;
            _transactionsWithCost![row] = transactionsWithCost;
        }

        _holdout?.Set(row, holdout);
    }

    private void CopyDurations(SummaryColumn column, int start, Span<double> destination)
    {
        int n = destination.Length;
        if (Window is null)
        {
            var recency = _recency.AsSpan(start, n);
            var age = _age.AsSpan(start, n);
            for (int i = 0; i < n; i++)
            {
                var durations = CustomerSummary.Durations.FromNumbers(TimeUnit, recency[i], age[i]);
                destination[i] = Pick(durations, column);
            }

            return;
        }

        var firstTicks = _firstTicks.AsSpan(start, n);
        var lastTicks = _lastTicks.AsSpan(start, n);
        var period = Window.PurchasePeriod;
        for (int i = 0; i < n; i++)
        {
            // A period follows from the clock time alone, so the offsets are not needed here.
            var durations = CustomerSummary.Durations.FromPeriods(Window, PeriodCalendar.Index(firstTicks[i], period), PeriodCalendar.Index(lastTicks[i], period));
            destination[i] = Pick(durations, column);
        }
    }

    private static double Pick(in CustomerSummary.Durations durations, SummaryColumn column) => column switch
    {
        SummaryColumn.Recency => durations.Recency,
        SummaryColumn.Age => durations.Age,
        _ => durations.SinceLast,
    };

    private static void ToDouble(ReadOnlySpan<int> source, Span<double> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i];
        }
    }

    private static void Sum(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> destination)
    {
        for (int i = 0; i < a.Length; i++)
        {
            destination[i] = a[i] + b[i];
        }
    }

    private static void CopyOrZero(double[]? column, int start, Span<double> destination)
    {
        if (column is null)
        {
            destination.Clear();
        }
        else
        {
            column.AsSpan(start, destination.Length).CopyTo(destination);
        }
    }

    /// <summary>The holdout tallies, kept only when some customer has a holdout purchase.</summary>
    private sealed class HoldoutColumns(int count)
    {
        public int[] First { get; } = new int[count];

        public int[] Last { get; } = new int[count];

        public int[] Periods { get; } = new int[count];

        public int[] Transactions { get; } = new int[count];

        public double[] FirstValue { get; } = new double[count];

        public double[] LaterValue { get; } = new double[count];

        public void Set(int row, in PeriodTally tally)
        {
            // Periods are days, weeks or months since 0001-01-01: far below int.MaxValue.
            First[row] = (int)tally.First;
            Last[row] = (int)tally.Last;
            Periods[row] = tally.Periods;
            Transactions[row] = tally.Transactions;
            FirstValue[row] = tally.FirstValue;
            LaterValue[row] = tally.LaterValue;
        }

        public PeriodTally Tally(int row) => new()
        {
            First = First[row],
            Last = Last[row],
            Periods = Periods[row],
            Transactions = Transactions[row],
            FirstValue = FirstValue[row],
            LaterValue = LaterValue[row],
        };
    }
}
