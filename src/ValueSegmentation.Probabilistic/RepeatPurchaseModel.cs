using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// A model of repeat purchasing in continuous time with unobserved drop-out (BG/NBD, MBG/NBD, Pareto/NBD): the
/// predictions they share, with all times in one explicit <see cref="TimeUnit"/>.
/// </summary>
/// <remarks>Implementations are immutable and thread-safe and return finite numbers for valid input.</remarks>
public abstract class RepeatPurchaseModel
{
    /// <summary>Initialises the shared state.</summary>
    /// <param name="timeUnit">The unit of the rate parameters and of every time the model takes.</param>
    /// <param name="fitResult">The fit that produced the parameters, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is not defined.</exception>
    protected RepeatPurchaseModel(TimeUnit timeUnit, ModelFit? fitResult)
    {
        TimeUnit = Enum.IsDefined(timeUnit) ? timeUnit : throw new ArgumentOutOfRangeException(nameof(timeUnit), timeUnit, "Not a defined TimeUnit.");
        FitResult = fitResult;
    }

    /// <summary>The unit of the rate parameters and of every time the model takes and returns.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>The fit that produced the parameters; <see langword="null"/> when they were given.</summary>
    public ModelFit? FitResult { get; }

    /// <summary>The log-likelihood of data under the model, summed over customers with their weights.</summary>
    /// <param name="data">The histories, in <see cref="TimeUnit"/>.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data is in another time unit.</exception>
    public abstract double LogLikelihood(RepeatPurchaseData data);

    /// <summary>P(X(t) = x): the probability of exactly <paramref name="purchases"/> purchases in (0, t] for a customer
    /// just acquired.</summary>
    /// <param name="purchases">x, not negative.</param>
    /// <param name="t">The length of the period, in <see cref="TimeUnit"/>; not negative.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public abstract double ProbabilityOfPurchases(int purchases, double t);

    /// <summary>E[X(t)]: the expected number of purchases in (0, t] of a customer just acquired.</summary>
    /// <param name="t">The length of the period, in <see cref="TimeUnit"/>; not negative.</param>
    /// <returns>The expected number of purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    public abstract double ExpectedPurchases(double t);

    /// <summary>E[Y(t) | x, t<sub>x</sub>, T]: the expected number of purchases in (T, T + t] of a customer with the
    /// given history.</summary>
    /// <param name="t">The horizon, in <see cref="TimeUnit"/>; not negative.</param>
    /// <param name="frequency">x, the repeat frequency.</param>
    /// <param name="recency">t<sub>x</sub>, in <see cref="TimeUnit"/>.</param>
    /// <param name="age">T, in <see cref="TimeUnit"/>.</param>
    /// <returns>The expected number of purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public abstract double ConditionalExpectedPurchases(double t, int frequency, double recency, double age);

    /// <summary>P(alive | x, t<sub>x</sub>, T): the probability that a customer with the given history is still active at T.</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t<sub>x</sub>.</param>
    /// <param name="age">T.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public abstract double ProbabilityAlive(int frequency, double recency, double age);

    /// <summary>E[Y(t) | x, t<sub>x</sub>, T] for a customer summary, whose time unit must be the model's.</summary>
    /// <param name="t">The horizon, in <see cref="TimeUnit"/>.</param>
    /// <param name="customer">The customer.</param>
    /// <returns>The expected number of purchases in the next <paramref name="t"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is in another time unit.</exception>
    public double ConditionalExpectedPurchases(double t, CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        RequireUnit(customer.TimeUnit, nameof(customer));
        return ConditionalExpectedPurchases(t, customer.Frequency, customer.Recency, customer.Age);
    }

    /// <summary>P(alive) of a customer summary, whose time unit must be the model's.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The probability.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is in another time unit.</exception>
    public double ProbabilityAlive(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        RequireUnit(customer.TimeUnit, nameof(customer));
        return ProbabilityAlive(customer.Frequency, customer.Recency, customer.Age);
    }

    /// <summary>E[Y(t) | x, t<sub>x</sub>, T] for many customers, written into <paramref name="destination"/>.</summary>
    /// <param name="t">The horizon, in <see cref="TimeUnit"/>; not negative.</param>
    /// <param name="customers">The customers, in the model's time unit.</param>
    /// <param name="destination">Where to write the expectations; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short, or a summary is in another time unit.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    public virtual void ConditionalExpectedPurchases(double t, ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
    {
        CheckDestination(customers.Length, destination.Length, nameof(destination));
        for (int i = 0; i < customers.Length; i++)
        {
            destination[i] = ConditionalExpectedPurchases(t, customers[i] ?? throw new ArgumentNullException(nameof(customers), $"Customer #{i} is null."));
        }
    }

    /// <summary>P(alive) for many customers, written into <paramref name="destination"/>.</summary>
    /// <param name="customers">The customers, in the model's time unit.</param>
    /// <param name="destination">Where to write the probabilities; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short, or a summary is in another time unit.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    public void ProbabilityAlive(ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
    {
        CheckDestination(customers.Length, destination.Length, nameof(destination));
        for (int i = 0; i < customers.Length; i++)
        {
            destination[i] = ProbabilityAlive(customers[i] ?? throw new ArgumentNullException(nameof(customers), $"Customer #{i} is null."));
        }
    }

    /// <summary>Throws unless a destination of <paramref name="length"/> can hold <paramref name="count"/> values.</summary>
    private protected static void CheckDestination(int count, int length, string parameterName)
    {
        if (length < count)
        {
            throw new ArgumentException($"The destination holds {length} values, fewer than the {count} customers.", parameterName);
        }
    }

    /// <summary>Throws unless <paramref name="unit"/> is the model's time unit.</summary>
    /// <param name="unit">The unit of some input.</param>
    /// <param name="parameterName">The input's parameter name.</param>
    /// <exception cref="ArgumentException">The units differ.</exception>
    protected void RequireUnit(TimeUnit unit, string parameterName)
    {
        if (unit != TimeUnit)
        {
            throw new ArgumentException($"The input is measured in {unit}, the model in {TimeUnit}; refit or convert the times.", parameterName);
        }
    }

    /// <summary>Throws unless <paramref name="t"/> is a finite, non-negative horizon.</summary>
    /// <param name="t">The horizon.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    protected static void CheckHorizon(double t)
    {
        if (!double.IsFinite(t) || t < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The horizon must be finite and not negative.");
        }
    }

    /// <summary>The weighted mean age of data, a starting value for the rate parameters.</summary>
    internal static double MeanAge(RepeatPurchaseData data)
    {
        double sum = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            sum += data.Age[i] * data.Weight[i];
        }

        return sum / data.CustomerCount;
    }
}
