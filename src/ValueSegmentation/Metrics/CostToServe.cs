using ValueSegmentation.Transactions;

namespace ValueSegmentation.Metrics;

/// <summary>The names of common activity drivers of the cost to serve a customer.</summary>
public static class ActivityDrivers
{
    /// <summary>Orders placed. When a <see cref="CostToServeModel"/> is given a <see cref="CustomerSummary"/>, it counts the customer's purchases.</summary>
    public const string Orders = "orders";

    /// <summary>Returns handled.</summary>
    public const string Returns = "returns";

    /// <summary>Support contacts (calls, e-mails, chats).</summary>
    public const string SupportContacts = "support contacts";

    /// <summary>Deliveries made.</summary>
    public const string Deliveries = "deliveries";
}

/// <summary>
/// The cost of one unit of an activity that serving a customer causes (an order processed, a return, a
/// support contact, a delivery, or any other named driver): one line of an activity-based costing model.
/// </summary>
/// <remarks>Immutable and thread-safe. Costs are in the currency of the transaction log.</remarks>
public readonly struct ActivityRate : IEquatable<ActivityRate>
{
    /// <summary>Creates an activity rate.</summary>
    /// <param name="driver">The activity's name, such as <see cref="ActivityDrivers.Orders"/>; compared without regard to case.</param>
    /// <param name="costPerUnit">Cost of one unit of the activity; finite and not negative.</param>
    /// <exception cref="ArgumentException"><paramref name="driver"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="costPerUnit"/> is negative or not finite.</exception>
    public ActivityRate(string driver, double costPerUnit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(driver);
        Driver = driver;
        CostPerUnit = Guard.FiniteNonNegative(costPerUnit);
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
    /// <exception cref="ArgumentOutOfRangeException">A total is out of range.</exception>
    public static ActivityRate FromPool(string driver, double totalCost, double totalVolume) =>
        new(driver, Guard.FiniteNonNegative(totalCost) / Guard.FinitePositive(totalVolume));

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

/// <summary>
/// Activity-based cost to serve: the cost of the activities a customer causes, Σ<sub>driver</sub> rate ×
/// volume, for any set of named drivers.
/// </summary>
/// <example>
/// <code>
/// var costs = new CostToServeModel(
/// [
///     new ActivityRate(ActivityDrivers.Orders, 2.50),
///     new ActivityRate(ActivityDrivers.Returns, 8.00),
///     ActivityRate.FromPool(ActivityDrivers.SupportContacts, totalCost: 12_000, totalVolume: 800),
/// ]);
/// double cost = costs.Compute(summary, new Dictionary&lt;string, double&gt; { [ActivityDrivers.Returns] = 1 });
/// </code>
/// </example>
/// <remarks>Immutable and thread-safe. Costs are in the currency of the rates.</remarks>
public sealed class CostToServeModel
{
    private readonly Dictionary<string, double> _rates;

    /// <summary>Creates a model from its activity rates.</summary>
    /// <param name="rates">One rate per driver; driver names must be distinct (ignoring case).</param>
    /// <exception cref="ArgumentNullException"><paramref name="rates"/> is null.</exception>
    /// <exception cref="ArgumentException">A rate is a <see langword="default"/> value, or two rates share a driver.</exception>
    public CostToServeModel(IEnumerable<ActivityRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        _rates = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var list = new List<ActivityRate>();
        foreach (var rate in rates)
        {
            if (rate.Driver is null)
            {
                throw new ArgumentException("A rate has no driver (a default ActivityRate value).", nameof(rates));
            }

            if (!_rates.TryAdd(rate.Driver, rate.CostPerUnit))
            {
                throw new ArgumentException($"Driver '{rate.Driver}' has more than one rate.", nameof(rates));
            }

            list.Add(rate);
        }

        Rates = list.AsReadOnly();
    }

    /// <summary>The activity rates, in the order given.</summary>
    public IReadOnlyList<ActivityRate> Rates { get; }

    /// <summary>The cost to serve of the given activity volumes: Σ rate × volume.</summary>
    /// <param name="volumes">Volume per driver; drivers not listed have no activity.</param>
    /// <returns>The cost to serve, not negative.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="volumes"/> is null.</exception>
    /// <exception cref="ArgumentException">A driver has no rate in this model (it would otherwise be lost silently).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A volume is negative or not finite.</exception>
    public double Compute(IReadOnlyDictionary<string, double> volumes)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        double cost = 0;
        foreach (var (driver, volume) in volumes)
        {
            cost += RateOf(driver, nameof(volumes)) * CheckVolume(volume, driver, nameof(volumes));
        }

        return cost;
    }

    /// <summary>
    /// The cost to serve of a customer: their <see cref="ActivityDrivers.Orders"/> are their purchases
    /// (unless <paramref name="otherVolumes"/> gives the orders explicitly), plus any other activity volumes.
    /// </summary>
    /// <param name="customer">The customer.</param>
    /// <param name="otherVolumes">Volumes of other drivers for this customer (returns, contacts...), or null.</param>
    /// <returns>The cost to serve, not negative.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentException">A driver in <paramref name="otherVolumes"/> has no rate in this model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A volume is negative or not finite.</exception>
    public double Compute(CustomerSummary customer, IReadOnlyDictionary<string, double>? otherVolumes = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        double cost = 0;
        bool ordersGiven = false;
        if (otherVolumes is not null)
        {
            foreach (var (driver, volume) in otherVolumes)
            {
                ordersGiven |= string.Equals(driver, ActivityDrivers.Orders, StringComparison.OrdinalIgnoreCase);
                cost += RateOf(driver, nameof(otherVolumes)) * CheckVolume(volume, driver, nameof(otherVolumes));
            }
        }

        if (!ordersGiven && _rates.TryGetValue(ActivityDrivers.Orders, out double perOrder))
        {
            cost += perOrder * customer.PurchaseCount;
        }

        return cost;
    }

    private double RateOf(string driver, string parameterName) =>
        _rates.TryGetValue(driver, out double rate)
            ? rate
            : throw new ArgumentException($"Driver '{driver}' has no rate in this cost-to-serve model (drivers: {string.Join(", ", _rates.Keys)}).", parameterName);

    private static double CheckVolume(double volume, string driver, string parameterName) =>
        double.IsFinite(volume) && volume >= 0
            ? volume
            : throw new ArgumentOutOfRangeException(parameterName, volume, $"The volume of '{driver}' must be finite and not negative.");
}

/// <summary>
/// A customer's profit and its parts: revenue − cost of goods − cost to serve. Profit may be negative: some
/// customers cost more to serve than they bring.
/// </summary>
/// <param name="Revenue">Revenue, in the log's currency.</param>
/// <param name="CostOfGoods">Cost of the goods sold.</param>
/// <param name="CostToServe">Cost of the activities serving the customer caused.</param>
public readonly record struct CustomerProfit(double Revenue, double CostOfGoods, double CostToServe)
{
    /// <summary>Revenue − cost of goods.</summary>
    public double GrossProfit => Revenue - CostOfGoods;

    /// <summary>Revenue − cost of goods − cost to serve; negative for a loss-making customer.</summary>
    public double Profit => Revenue - CostOfGoods - CostToServe;

    /// <summary>The profit of a customer's calibration period.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="costToServe">The customer's cost to serve (see <see cref="CostToServeModel"/>); finite, not negative.</param>
    /// <returns>The customer's profit and its parts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="costToServe"/> is negative or not finite.</exception>
    public static CustomerProfit Of(CustomerSummary customer, double costToServe = 0)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new CustomerProfit(customer.Revenue, customer.CostOfGoods, Guard.FiniteNonNegative(costToServe));
    }
}
