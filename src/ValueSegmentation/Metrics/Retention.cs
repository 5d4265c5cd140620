namespace ValueSegmentation.Metrics;

/// <summary>
/// Retention and churn rates: from customer counts, between period lengths, and the expected lifetime they
/// imply.
/// </summary>
/// <remarks>
/// A retention rate r is the probability that a customer active at the start of a period is still a
/// customer at its end; churn is 1 − r. All members are pure functions and safe to call from any thread.
/// </remarks>
public static class Retention
{
    /// <summary>
    /// The retention rate of one period from customer counts: (E − N) / S, where S customers were there at
    /// the start, E at the end, and N of those at the end were acquired during the period.
    /// </summary>
    /// <param name="customersAtStart">S, customers at the start of the period; positive.</param>
    /// <param name="customersAtEnd">E, customers at the end of the period.</param>
    /// <param name="newCustomers">N, customers acquired during the period and still there at its end; at most E.</param>
    /// <returns>The retention rate, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, S is 0, N exceeds E, or E − N exceeds S
    /// (more retained customers than there were).</exception>
    public static double FromCounts(int customersAtStart, int customersAtEnd, int newCustomers)
    {
        Guard.NonNegative(customersAtEnd);
        Guard.NonNegative(newCustomers);
        if (customersAtStart <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(customersAtStart), customersAtStart, "The period must start with at least one customer.");
        }

        if (newCustomers > customersAtEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(newCustomers), newCustomers, $"More new customers than customers at the end ({customersAtEnd}).");
        }

        int retained = customersAtEnd - newCustomers;
        return retained > customersAtStart
            ? throw new ArgumentOutOfRangeException(nameof(customersAtEnd), customersAtEnd, $"E − N = {retained} retained customers, more than the {customersAtStart} at the start.")
            : (double)retained / customersAtStart;
    }

    /// <summary>The churn rate that goes with a retention rate: 1 − r.</summary>
    /// <param name="retentionRate">The retention rate r, in [0, 1].</param>
    /// <returns>The churn rate, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retentionRate"/> is outside [0, 1].</exception>
    public static double Churn(double retentionRate) => 1.0 - Guard.Probability(retentionRate);

    /// <summary>
    /// Converts a retention rate from one period length to another under constant retention:
    /// r<sub>to</sub> = r<sub>from</sub><sup>length(to) / length(from)</sup>. A monthly 0.95 is an annual
    /// 0.95<sup>12</sup> ≈ 0.540, and an annual 0.54 is a monthly 0.54<sup>1/12</sup> ≈ 0.950.
    /// </summary>
    /// <param name="retentionRate">The retention rate per <paramref name="from"/>, in [0, 1].</param>
    /// <param name="from">The period of <paramref name="retentionRate"/>.</param>
    /// <param name="to">The period to express it in.</param>
    /// <returns>The retention rate per <paramref name="to"/>, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1] or a unit is not defined.</exception>
    public static double Convert(double retentionRate, TimeUnit from, TimeUnit to)
    {
        Guard.Probability(retentionRate);
        return Math.Pow(retentionRate, Guard.Defined(to).Days() / Guard.Defined(from).Days());
    }

    /// <summary>
    /// The expected lifetime, in periods, of a customer retained each period with probability r: 1 / (1 − r),
    /// counting the current period (the mean of a geometric distribution). r = 0.8 gives 5 periods.
    /// </summary>
    /// <param name="retentionRate">The retention rate per period, in [0, 1).</param>
    /// <returns>The expected number of periods, at least 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retentionRate"/> is outside [0, 1); at 1
    /// the lifetime is infinite.</exception>
    public static double ExpectedLifetime(double retentionRate) =>
        Guard.Probability(retentionRate) < 1.0
            ? 1.0 / (1.0 - retentionRate)
            : throw new ArgumentOutOfRangeException(nameof(retentionRate), retentionRate, "With retention 1 no customer ever leaves: the expected lifetime is infinite.");
}
