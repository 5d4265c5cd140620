using ValueSegmentation.Internal;

namespace ValueSegmentation.Metrics;

/// <summary>
/// The cost of one unit of an activity that serving a customer causes (an order processed, a return, a
/// support contact, a delivery, or any other named driver): one line of an activity-based costing model.
/// </summary>
/// <remarks>Immutable and thread-safe. Costs are in the currency of the transaction log.</remarks>
public readonly struct ActivityRate : IEquatable<ActivityRate>
{
    /// <summary>Creates an activity rate.</summary>
    /// <param name="driver">The activity's name, such as <see cref="ActivityDrivers.Orders"/>; compared without regard to case.</param>
    /// <param name="costPerUnit">Cost of one unit of the activity: from 0 to <see cref="Transaction.MaxAmount"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="driver"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="costPerUnit"/> is negative, not finite or above
    /// <see cref="Transaction.MaxAmount"/>.</exception>
    public ActivityRate(string driver, double costPerUnit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(driver);
        Driver = driver;
        CostPerUnit = Amounts.CheckNonNegative(costPerUnit, 1, nameof(costPerUnit));
    }

    /// <summary>The activity's name.</summary>
    public string Driver { get; }

    /// <summary>Cost of one unit of the activity.</summary>
    public double CostPerUnit { get; }

    /// <summary>
    /// The rate of an activity cost pool, as activity-based costing allocates it: the pool's total cost
    /// divided by the total volume of its driver. A support department costing 12,000 for 800 contacts
    /// gives 15 per contact.
    /// </summary>
    /// <param name="driver">The activity's name.</param>
    /// <param name="totalCost">The pool's total cost over the period; finite and not negative.</param>
    /// <param name="totalVolume">The driver's total volume over the same period; finite and positive.</param>
    /// <returns>The activity rate.</returns>
    /// <exception cref="ArgumentException"><paramref name="driver"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A total is out of range, or the cost per unit exceeds
    /// <see cref="Transaction.MaxAmount"/> (the exception names <paramref name="totalVolume"/>).</exception>
    public static ActivityRate FromPool(string driver, double totalCost, double totalVolume)
    {
        double rate = Guard.FiniteNonNegative(totalCost) / Guard.FinitePositive(totalVolume);
        return rate <= Transaction.MaxAmount
            ? new(driver, rate)
            : throw new ArgumentOutOfRangeException(nameof(totalVolume), totalVolume, $"The cost per unit {Invariant.Number(totalCost)} / {Invariant.Number(totalVolume)} exceeds Transaction.MaxAmount ({Invariant.Number(Transaction.MaxAmount)}).");
    }

    /// <inheritdoc />
    public bool Equals(ActivityRate other) =>
        string.Equals(Driver, other.Driver, StringComparison.OrdinalIgnoreCase) && CostPerUnit.Equals(other.CostPerUnit);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActivityRate other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Driver is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Driver), CostPerUnit);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"{Driver}: {CostPerUnit} per unit");

    /// <summary>Whether two rates are equal.</summary>
    /// <param name="left">The first rate.</param>
    /// <param name="right">The second rate.</param>
    /// <returns><see langword="true"/> when driver and cost are equal.</returns>
    public static bool operator ==(ActivityRate left, ActivityRate right) => left.Equals(right);

    /// <summary>Whether two rates differ.</summary>
    /// <param name="left">The first rate.</param>
    /// <param name="right">The second rate.</param>
    /// <returns><see langword="true"/> when driver or cost differ.</returns>
    public static bool operator !=(ActivityRate left, ActivityRate right) => !left.Equals(right);
}
