using ValueSegmentation.Transactions;

namespace ValueSegmentation.Metrics;

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
    /// <exception cref="ArgumentOutOfRangeException">A volume is negative or not finite, or so large that the cost
    /// exceeds the range of a <see cref="double"/>.</exception>
    public double Compute(IReadOnlyDictionary<string, double> volumes)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        double cost = 0;
        foreach (var (driver, volume) in volumes)
        {
            cost = Add(cost, RateOf(driver, nameof(volumes)), CheckVolume(volume, driver, nameof(volumes)), driver, nameof(volumes));
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
    /// <exception cref="ArgumentOutOfRangeException">A volume is negative or not finite, or so large that the cost
    /// exceeds the range of a <see cref="double"/>.</exception>
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
                cost = Add(cost, RateOf(driver, nameof(otherVolumes)), CheckVolume(volume, driver, nameof(otherVolumes)), driver, nameof(otherVolumes));
            }
        }

        if (!ordersGiven && _rates.TryGetValue(ActivityDrivers.Orders, out double perOrder))
        {
            cost = Add(cost, perOrder, customer.PurchaseCount, ActivityDrivers.Orders, nameof(otherVolumes));
        }

        return cost;
    }

    private double RateOf(string driver, string parameterName) =>
        _rates.TryGetValue(driver, out double rate)
            ? rate
            : throw new ArgumentException($"Driver '{driver}' has no rate in this cost-to-serve model (drivers: {string.Join(", ", _rates.Keys)}).", parameterName);

    /// <summary>Adds rate × volume to a cost, or throws when the sum leaves the range of a double.</summary>
    private static double Add(double cost, double rate, double volume, string driver, string parameterName)
    {
        double sum = cost + (rate * volume);
        return double.IsFinite(sum)
            ? sum
            : throw new ArgumentOutOfRangeException(parameterName, volume, $"The cost of '{driver}', {Invariant.Number(rate)} × {Invariant.Number(volume)}, takes the cost to serve beyond the range of a double.");
    }

    private static double CheckVolume(double volume, string driver, string parameterName) =>
        double.IsFinite(volume) && volume >= 0
            ? volume
            : throw new ArgumentOutOfRangeException(parameterName, volume, $"The volume of '{driver}' must be finite and not negative.");
}
