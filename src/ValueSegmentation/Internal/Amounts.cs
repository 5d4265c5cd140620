using System.Globalization;

namespace ValueSegmentation.Internal;

/// <summary>The documented range of amounts and times, checked at the boundary (transactions, summaries, rates), so
/// that no sum, mean or product the core computes from accepted input overflows to an infinity or NaN.</summary>
internal static class Amounts
{
    /// <summary>The longest time a summary from numbers may state, in days (about 2.7 million years).</summary>
    public const double MaxDays = 1e9;

    /// <summary>The shortest positive time a summary from numbers may state, in days (0.0864 seconds): a rate per
    /// unit of time, x / T, then stays finite.</summary>
    public const double MinPositiveDays = 1e-6;

    /// <summary>Checks an amount that sums at most <paramref name="transactions"/> transactions (at least one):
    /// finite, with a magnitude of at most <see cref="Transaction.MaxAmount"/> per transaction.</summary>
    public static double Check(double value, long transactions, string name)
    {
        double bound = Transaction.MaxAmount * Math.Max(transactions, 1);
        return Math.Abs(value) <= bound ? value : throw OutOfRange(value, bound, transactions, name, "a magnitude");
    }

    /// <summary>As <see cref="Check"/>, and not negative (a cost).</summary>
    public static double CheckNonNegative(double value, long transactions, string name)
    {
        double bound = Transaction.MaxAmount * Math.Max(transactions, 1);
        return value >= 0 && value <= bound ? value : throw OutOfRange(value, bound, transactions, name, "a value from 0");
    }

    /// <summary>Checks a time of a summary from numbers: finite, not negative, at most <see cref="MaxDays"/> and, when
    /// positive, at least <see cref="MinPositiveDays"/>.</summary>
    public static double CheckTime(double value, TimeUnit unit, string name)
    {
        double days = value * unit.Days();
        return value == 0 || (days >= MinPositiveDays && days <= MaxDays)
            ? value
            : throw new ArgumentOutOfRangeException(
                name,
                value,
                string.Create(CultureInfo.InvariantCulture, $"Must be 0 or a time from {MinPositiveDays:G} to {MaxDays:G} days ({MinPositiveDays / unit.Days():G} to {MaxDays / unit.Days():G} {unit}), so that rates per unit of time stay finite."));
    }

    private static ArgumentOutOfRangeException OutOfRange(double value, double bound, long transactions, string name, string what) =>
        new(
            name,
            value,
            transactions <= 1
                ? string.Create(CultureInfo.InvariantCulture, $"Must be finite with {what} up to {bound:G} (Transaction.MaxAmount).")
                : string.Create(CultureInfo.InvariantCulture, $"Must be finite with {what} up to {bound:G}: Transaction.MaxAmount ({Transaction.MaxAmount:G}) per transaction, {transactions} transactions."));
}
