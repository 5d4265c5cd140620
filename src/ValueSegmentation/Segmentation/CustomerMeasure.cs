using ValueSegmentation.Lifetime;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// A named number per customer that a segmentation strategy cuts on: a value axis (lifetime value, profit,
/// revenue) or a loyalty axis (P(alive), retention probability, frequency). It wraps any
/// <see cref="ICustomerValueModel"/> and checks that every value it returns is finite.
/// </summary>
/// <remarks>
/// <para>The built-in measures read a <see cref="CustomerSummary"/> directly; wrap a lifetime value model or
/// a fitted probabilistic model with <see cref="CustomerMeasure(string, ICustomerValueModel)"/>, or
/// any function with <see cref="CustomerMeasure(string, Func{CustomerSummary, double})"/>.</para>
/// <para>Immutable and thread-safe when the wrapped model or function is.</para>
/// </remarks>
public sealed class CustomerMeasure : ICustomerValueModel
{
    private readonly ICustomerValueModel? _model;
    private readonly Func<CustomerSummary, double>? _selector;

    /// <summary>Creates a measure from a value model.</summary>
    /// <param name="name">What the measure is, in words used in segment rules (for example "CLV, 3 years at 10 %").</param>
    /// <param name="model">The model that gives each customer's value.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public CustomerMeasure(string name, ICustomerValueModel model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(model);
        Name = name;
        Unit = string.Empty;
        _model = model;
    }

    /// <summary>Creates a measure from a function of the summary.</summary>
    /// <param name="name">What the measure is, in words used in segment rules.</param>
    /// <param name="selector">The customer's value; it must be finite.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public CustomerMeasure(string name, Func<CustomerSummary, double> selector)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(selector);
        Name = name;
        Unit = string.Empty;
        _selector = selector;
    }

    private CustomerMeasure(CustomerMeasure other, string unit)
    {
        Name = other.Name;
        Unit = unit;
        _model = other._model;
        _selector = other._selector;
    }

    /// <summary>Revenue in the calibration period, in the log's currency.</summary>
    public static CustomerMeasure Revenue { get; } = new("revenue", c => c.Revenue);

    /// <summary>Gross profit in the calibration period: revenue − cost of goods, in the log's currency.</summary>
    public static CustomerMeasure GrossProfit { get; } = new("gross profit", c => c.Revenue - c.CostOfGoods);

    /// <summary>Repeat frequency x: the number of purchase periods after the first.</summary>
    public static CustomerMeasure Frequency { get; } = new("repeat purchases", c => c.Frequency);

    /// <summary>Purchases: the number of purchase periods with a purchase (x + 1).</summary>
    public static CustomerMeasure PurchaseCount { get; } = new("purchases", c => c.PurchaseCount);

    /// <summary>Mean value of the repeat purchases (0 without one), in the log's currency.</summary>
    public static CustomerMeasure MonetaryValue { get; } = new("mean repeat spend", c => c.MonetaryValue);

    /// <summary>Revenue per purchase (<see cref="Metrics.AverageOrderValue.ForCustomer"/>), in the log's currency.</summary>
    public static CustomerMeasure AverageOrderValue { get; } = new("average order value", Metrics.AverageOrderValue.ForCustomer);

    /// <summary>Time since the last purchase, T − t<sub>x</sub> (<see cref="CustomerSummary.TimeSinceLastPurchase"/>), in
    /// the summaries' time unit; lower is more recent.</summary>
    public static CustomerMeasure TimeSinceLastPurchase { get; } = new("time since last purchase", c => c.TimeSinceLastPurchase);

    /// <summary>The name used in segment rules.</summary>
    public string Name { get; }

    /// <summary>The unit shown after numbers in rules; empty for counts and scores.</summary>
    public string Unit { get; }

    /// <summary>The customer's value on this measure.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>A finite value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="MeasureEvaluationException">The wrapped model or function threw for this customer, or returned
    /// NaN or an infinity; the exception names the measure and the customer, and carries the model's exception.</exception>
    public double Evaluate(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        double value;
        try
        {
            value = _selector is not null ? _selector(customer) : _model!.Evaluate(customer);
        }
        catch (Exception exception) when (exception is not MeasureEvaluationException)
        {
            throw Failed(customer, exception);
        }

        return double.IsFinite(value) ? value : throw NotFinite(customer, value);
    }

    /// <summary>The values of many customers, written into <paramref name="values"/>, through the wrapped model's batch
    /// path (<see cref="ICustomerValueModel.Evaluate(ReadOnlySpan{CustomerSummary}, Span{double})"/>), so a model that
    /// shares work between customers does so here too.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="values">Where to write the values; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is too short.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    /// <exception cref="MeasureEvaluationException">The measure cannot value a customer (the first such, in order);
    /// the exception names the measure and the customer.</exception>
    public void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values)
    {
        Guard.Destination(customers.Length, values.Length, nameof(values));

        for (int i = 0; i < customers.Length; i++)
        {
            if (customers[i] is null)
            {
                throw new ArgumentNullException(nameof(customers), $"Customer #{i} is null.");
            }
        }

        if (_selector is not null)
        {
            for (int i = 0; i < customers.Length; i++)
            {
                values[i] = Evaluate(customers[i]);
            }

            return;
        }

        try
        {
            _model!.Evaluate(customers, values);
        }
        catch (Exception exception) when (exception is not MeasureEvaluationException)
        {
            // The batch does not say which customer failed: find the first one, whose own exception is the cause.
            for (int i = 0; i < customers.Length; i++)
            {
                _ = Evaluate(customers[i]);
            }

            throw new MeasureEvaluationException(Name, "(unknown)", "the batch evaluation failed although every customer can be valued alone.", exception);
        }

        for (int i = 0; i < customers.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw NotFinite(customers[i], values[i]);
            }
        }
    }

    /// <summary>Formats a value of this measure for a rule: to 2 decimals (4 below 1), with the unit.</summary>
    /// <param name="value">The value.</param>
    /// <returns>For example "1,234.5 USD".</returns>
    public string Format(double value) => Invariant.Amount(value, Unit);

    /// <summary>The same measure with a unit shown after numbers in rules.</summary>
    /// <param name="unit">The unit, for example "USD"; empty for none.</param>
    /// <returns>A new measure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="unit"/> is null.</exception>
    public CustomerMeasure WithUnit(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new CustomerMeasure(this, unit);
    }

    /// <inheritdoc />
    public override string ToString() => Name;


    private MeasureEvaluationException NotFinite(CustomerSummary customer, double value) =>
        new(Name, customer.CustomerId, $"it gave {Invariant.Number(value)}; every value must be finite.");

    private MeasureEvaluationException Failed(CustomerSummary customer, Exception exception) =>
        new(Name, customer.CustomerId, exception.Message, exception);
}
