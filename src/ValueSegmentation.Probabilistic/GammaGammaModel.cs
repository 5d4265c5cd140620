using System.Globalization;
using ValueSegmentation.Probabilistic.Likelihoods;
using ValueSegmentation.Probabilistic.Numerics;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The Gamma-Gamma model of monetary value (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using Iso-Value Curves for
/// Customer Base Analysis", <em>Journal of Marketing Research</em> 42(4), 415–430; Fader &amp; Hardie 2013, "The
/// Gamma-Gamma Model of Monetary Value"): each transaction's value is Gamma(p, ν) around a customer's mean
/// spend, and ν ~ Gamma(q, γ) across customers.
/// </summary>
/// <remarks>
/// <para>Spend is assumed independent of the purchase process, so the model combines with BG/NBD or Pareto/NBD
/// for lifetime value. Money is in the data's currency.</para>
/// <para>The model describes positive spend only. What it does with a repeat customer whose mean spend is 0 or less
/// is its <see cref="NonPositiveSpend"/> policy, the same from the data it is fitted on to every prediction and every
/// lifetime value built on it: <see cref="NonPositiveSpend.Reject"/> refuses the customer with an exception naming
/// them; <see cref="NonPositiveSpend.Exclude"/> leaves them out of the fit and values their spend at the population
/// mean <see cref="PopulationMeanSpend"/>, as for a customer without a repeat purchase (their spend carries no
/// information the model can use).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class GammaGammaModel
{
    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="parameters">p, q, γ.</param>
    /// <param name="nonPositiveSpend">What predictions do with a repeat customer whose mean spend is not positive.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is a default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nonPositiveSpend"/> is not a defined value.</exception>
    public GammaGammaModel(GammaGammaParameters parameters, NonPositiveSpend nonPositiveSpend = NonPositiveSpend.Reject)
        : this(parameters, nonPositiveSpend, null)
    {
    }

    internal GammaGammaModel(GammaGammaParameters parameters, NonPositiveSpend nonPositiveSpend, ModelFit? fit)
    {
        Parameters = parameters.P != 0 ? parameters : throw new ArgumentException("The parameters are a default value; create them with their constructor.", nameof(parameters));
        NonPositiveSpend = Guard.Defined(nonPositiveSpend);
        FitResult = fit;
    }

    /// <summary>The parameters.</summary>
    public GammaGammaParameters Parameters { get; }

    /// <summary>What the model does with a repeat customer whose mean spend is not positive (see remarks).</summary>
    public NonPositiveSpend NonPositiveSpend { get; }

    /// <summary>The fit that produced the parameters; <see langword="null"/> when they were given.</summary>
    public ModelFit? FitResult { get; }

    /// <summary>p, q, γ: the parameters in the order of the fit's <see cref="ModelFit.ParameterNames"/>.</summary>
    internal double[] ParameterValues => [Parameters.P, Parameters.Q, Parameters.Gamma];

    /// <summary>The same model with other parameters (p, q, γ), the same policy and no fit.</summary>
    internal GammaGammaModel WithParameters(ReadOnlySpan<double> values) =>
        new(new GammaGammaParameters(values[0], values[1], values[2]), NonPositiveSpend);

    /// <summary>
    /// The population mean of spend per transaction, E[M] = γp/(q − 1) (Fader &amp; Hardie 2013, eq. 3), which is
    /// finite for q &gt; 1 only.
    /// </summary>
    /// <exception cref="InvalidOperationException">q ≤ 1: the mean is infinite.</exception>
    public double PopulationMeanSpend =>
        Parameters.Q > 1
            ? Parameters.Gamma * Parameters.P / (Parameters.Q - 1)
            : throw new InvalidOperationException($"q = {Parameters.Q.ToString(CultureInfo.InvariantCulture)} ≤ 1: the Gamma-Gamma population mean spend is infinite.");

    /// <summary>Fits the model by maximum likelihood (Fader &amp; Hardie 2013, eq. 5, with analytic gradients). The
    /// fitted model keeps the data's <see cref="SpendData.NonPositiveSpend"/> policy.</summary>
    /// <param name="data">The repeat customers' frequencies and mean spends.</param>
    /// <param name="options">Fit options; the default starting values are p = 1, q = 2, γ = the mean spend.</param>
    /// <returns>The fitted model; check <see cref="ModelFit.Convergence"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The starting values are not three.</exception>
    public static GammaGammaModel Fit(SpendData data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fit = MaximumLikelihood.Fit("Gamma-Gamma", Names, options, () => Start(data), (theta, gradient) => GammaGammaLikelihood.LogLikelihood(data, theta, gradient), data.CustomerCount, data.RowCount);
        return new GammaGammaModel(new GammaGammaParameters(fit.Parameters[0], fit.Parameters[1], fit.Parameters[2]), data.NonPositiveSpend, fit);
    }

    /// <summary>The log-likelihood of data under the model (eq. 5 of the 2013 note, summed with weights).</summary>
    /// <param name="data">The data.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public double LogLikelihood(SpendData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return GammaGammaLikelihood.LogLikelihood(data, [Parameters.P, Parameters.Q, Parameters.Gamma], new double[3]);
    }

    /// <summary>
    /// E[M | p, q, γ, m̄, x] = (γ + m̄x)p/(px + q − 1): the expected spend per transaction of a customer with x
    /// repeat purchases of mean value m̄ (Fader &amp; Hardie 2013, eq. 6), a weighted mean of the population mean
    /// and the customer's own. With x = 0 it is the population mean; so it is for a repeat customer whose mean spend is
    /// not positive under <see cref="NonPositiveSpend.Exclude"/>.
    /// </summary>
    /// <param name="frequency">x, not negative.</param>
    /// <param name="meanSpend">m̄, finite; positive when x ≥ 1 unless the policy excludes such customers (ignored when x = 0).</param>
    /// <returns>The expected spend per transaction.</returns>
    /// <exception cref="ArgumentOutOfRangeException">x is negative, m̄ is not finite, m̄ ≤ 0 for x ≥ 1 under
    /// <see cref="NonPositiveSpend.Reject"/>, or the expected spend overflows a double.</exception>
    /// <exception cref="InvalidOperationException">px + q ≤ 1 (or q ≤ 1 for the population mean), where the expectation
    /// is infinite.</exception>
    public double ConditionalExpectedSpend(int frequency, double meanSpend)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        Guard.Finite(meanSpend);
        if (frequency == 0)
        {
            return PopulationMeanSpend;
        }

        if (meanSpend <= 0)
        {
            return NonPositiveSpend == NonPositiveSpend.Exclude
                ? PopulationMeanSpend
                : throw new ArgumentOutOfRangeException(
                    nameof(meanSpend),
                    meanSpend,
                    "The mean spend of a repeat customer must be positive for the Gamma-Gamma model; with NonPositiveSpend.Exclude such customers are left out of the fit and valued at the population mean spend.");
        }

        var (p, q, gamma) = Parameters;
        double denominator = (p * frequency) + q - 1;
        if (!(denominator > 0))
        {
            throw new InvalidOperationException("px + q ≤ 1: the expected spend is infinite for this customer.");
        }

        // The weighted mean of the population's and the customer's own spend, each term scaled first so that no product
        // overflows on its way to a representable result.
        double expected = (gamma * (p / denominator)) + (meanSpend * (p * frequency / denominator));
        return double.IsFinite(expected)
            ? expected
            : throw new ArgumentOutOfRangeException(nameof(meanSpend), meanSpend, "The expected spend overflows a double for this mean spend.");
    }

    /// <summary>The same for a customer summary: x = <see cref="CustomerSummary.Frequency"/>, m̄ = <see cref="CustomerSummary.MonetaryValue"/>.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The expected spend per transaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A repeat customer's mean spend is not positive under
    /// <see cref="NonPositiveSpend.Reject"/>.</exception>
    public double ConditionalExpectedSpend(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return ConditionalExpectedSpend(customer.Frequency, customer.MonetaryValue);
    }

    /// <summary>The expected spend per transaction of many customers, written into <paramref name="destination"/>.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">Where to write the spends; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A repeat customer's mean spend is not positive under
    /// <see cref="NonPositiveSpend.Reject"/>.</exception>
    public void ConditionalExpectedSpend(ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
    {
        Guard.Destination(customers.Length, destination.Length);
        for (int i = 0; i < customers.Length; i++)
        {
            destination[i] = ConditionalExpectedSpend(customers[i] ?? throw new ArgumentNullException(nameof(customers), $"Customer #{i} is null."));
        }
    }

    /// <summary>The expected spend per transaction of every customer of a population, written into
    /// <paramref name="destination"/> in its order; a collection kept as columns is read a block of columns at a time.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">Where to write the spends; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A repeat customer's mean spend is not positive under
    /// <see cref="NonPositiveSpend.Reject"/>; the message names the customer.</exception>
    public void ConditionalExpectedSpend(CustomerSummaryCollection customers, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(customers);
        Guard.Destination(customers.Count, destination.Length);
        ConditionalExpectedSpend(customers, 0, destination[..customers.Count]);
    }

    /// <summary>The expected spends of the customers from <paramref name="start"/> on, as many as
    /// <paramref name="destination"/> holds.</summary>
    internal void ConditionalExpectedSpend(CustomerSummaryCollection customers, int start, Span<double> destination)
    {
        const int Block = 256;
        Span<double> frequency = stackalloc double[Block];
        Span<double> meanSpend = stackalloc double[Block];
        for (int offset = 0; offset < destination.Length; offset += Block)
        {
            int count = Math.Min(Block, destination.Length - offset);
            customers.CopyColumn(SummaryColumn.Frequency, start + offset, frequency[..count]);
            customers.CopyColumn(SummaryColumn.MonetaryValue, start + offset, meanSpend[..count]);
            for (int i = 0; i < count; i++)
            {
                try
                {
                    destination[offset + i] = ConditionalExpectedSpend((int)frequency[i], meanSpend[i]);
                }
                catch (ArgumentOutOfRangeException refused)
                {
                    int index = start + offset + i;
                    throw new ArgumentOutOfRangeException(nameof(customers), refused.ActualValue, $"Customer '{customers.CustomerIdAt(index)}' (#{index}): {refused.Message}");
                }
            }
        }
    }

    /// <summary>How many of the customers the model values at the population mean although they have repeat purchases
    /// (a mean spend that is not positive, under <see cref="NonPositiveSpend.Exclude"/>).</summary>
    /// <param name="customers">The customers.</param>
    /// <returns>The count; 0 under <see cref="NonPositiveSpend.Reject"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null or holds a null.</exception>
    public int CountValuedAtPopulationMean(IEnumerable<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return NonPositiveSpend == NonPositiveSpend.Reject
            ? 0
            : customers.Count(c => (c ?? throw new ArgumentNullException(nameof(customers), "A customer is null.")).Frequency > 0 && c.MonetaryValue <= 0);
    }

    /// <inheritdoc />
    public override string ToString() => "Gamma-Gamma " + Parameters;

    /// <summary>The parameters' names, in the order of the fit.</summary>
    internal static readonly string[] Names = ["p", "q", "gamma"];

    /// <summary>The starting values of a fit: p = 1, q = 2, γ = the mean spend.</summary>
    internal static double[] Start(SpendData data) => [1, 2, MeanSpend(data)];

    private static double MeanSpend(SpendData data)
    {
        double sum = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            sum += data.MeanSpend[i] * data.Weight[i];
        }

        return sum / data.CustomerCount;
    }
}
