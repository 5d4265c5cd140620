namespace ValueSegmentation.Transactions;

/// <summary>
/// The running count of one customer's purchase periods and their value in one part of the window
/// (calibration or holdout): the state a summary needs to be merged exactly.
/// </summary>
internal struct PeriodTally : IEquatable<PeriodTally>
{
    public long First;
    public long Last;
    public int Periods;
    public int Transactions;
    public double FirstValue; // value of the first purchase period
    public double LaterValue; // value of every later purchase period

    public readonly bool IsEmpty => Transactions == 0;

    public readonly double Value => FirstValue + LaterValue;

    /// <summary>Adds a transaction when only the first and last periods are known (chronological input).</summary>
    /// <returns><see langword="false"/> when the period lies strictly inside the seen range and could be a repeat of an unseen-by-index interior period.</returns>
    public bool TryAdd(long period, double amount)
    {
        bool isNew;
        if (Periods == 0 || period < First || period > Last)
        {
            isNew = true;
        }
        else if (period == First || period == Last)
        {
            isNew = false;
        }
        else if (Periods == 2)
        {
            isNew = true; // no interior period has been seen yet
        }
        else
        {
            return false;
        }

        Add(period, amount, isNew);
        return true;
    }

    /// <summary>Adds a transaction whose period is known to be new or already counted.</summary>
    /// <exception cref="OverflowException">The tally already counts <see cref="int.MaxValue"/> transactions (the builder
    /// checks first and reports it with the transaction).</exception>
    public void Add(long period, double amount, bool isNewPeriod)
    {
        Transactions = checked(Transactions + 1);
        if (Periods == 0)
        {
            First = Last = period;
            Periods = 1;
            FirstValue = amount;
            return;
        }

        if (!isNewPeriod)
        {
            if (period == First)
            {
                FirstValue += amount;
            }
            else
            {
                LaterValue += amount;
            }

            return;
        }

        Periods++;
        if (period < First)
        {
            LaterValue += FirstValue;
            FirstValue = amount;
            First = period;
            return;
        }

        Last = Math.Max(Last, period);
        LaterValue += amount;
    }

    /// <summary>
    /// Merges two tallies of disjoint transaction sets when their period ranges meet at most at one boundary
    /// period (one ends no later than the other starts), the only case decidable without the period sets.
    /// </summary>
    public static bool TryMerge(in PeriodTally a, in PeriodTally b, out PeriodTally merged)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            merged = a.IsEmpty ? b : a;
            return true;
        }

        bool aFirst = a.First < b.First || (a.First == b.First && a.Last <= b.Last);
        ref readonly PeriodTally low = ref aFirst ? ref a : ref b;
        ref readonly PeriodTally high = ref aFirst ? ref b : ref a;
        if (low.Last > high.First)
        {
            merged = default;
            return false;
        }

        int shared = low.Last == high.First ? 1 : 0;
        merged = Combine(low, high, low.Periods + high.Periods - shared);
        return true;
    }

    /// <summary>Merges two tallies whose union of distinct periods is known to have <paramref name="periods"/> members.</summary>
    public static PeriodTally Combine(in PeriodTally a, in PeriodTally b, int periods)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return a.IsEmpty ? b : a;
        }

        long first = Math.Min(a.First, b.First);
        double firstValue = 0, laterValue = a.LaterValue + b.LaterValue;
        if (a.First == first) { firstValue += a.FirstValue; } else { laterValue += a.FirstValue; }
        if (b.First == first) { firstValue += b.FirstValue; } else { laterValue += b.FirstValue; }
        return new PeriodTally
        {
            First = first,
            Last = Math.Max(a.Last, b.Last),
            Periods = periods,
            Transactions = checked(a.Transactions + b.Transactions),
            FirstValue = firstValue,
            LaterValue = laterValue,
        };
    }

    public readonly bool Equals(PeriodTally other) =>
        First == other.First && Last == other.Last && Periods == other.Periods && Transactions == other.Transactions
        && FirstValue.Equals(other.FirstValue) && LaterValue.Equals(other.LaterValue);

    public override readonly bool Equals(object? obj) => obj is PeriodTally other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(First, Last, Periods, Transactions, FirstValue, LaterValue);
}
