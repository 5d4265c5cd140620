using System.Globalization;
using MathNet.Numerics;
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
/// for lifetime value. Money is in the data's currency. Immutable and thread-safe.</para>
/// </remarks>
public sealed class GammaGammaModel
{
    private static readonly string[] Names = ["p", "q", "gamma"];

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="parameters">p, q, γ.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is a default value.</exception>
    public GammaGammaModel(GammaGammaParameters parameters)
        : this(parameters, null)
    {
    }

    private GammaGammaModel(GammaGammaParameters parameters, ModelFit? fit)
    {
        Parameters = parameters.P != 0 ? parameters : throw new ArgumentException("The parameters are a default value; create them with their constructor.", nameof(parameters));
        FitResult = fit;
    }

    /// <summary>The parameters.</summary>
    public GammaGammaParameters Parameters { get; }

    /// <summary>The fit that produced the parameters; <see langword="null"/> when they were given.</summary>
    public ModelFit? FitResult { get; }

    /// <summary>
    /// The population mean of spend per transaction, E[M] = γp/(q − 1) (Fader &amp; Hardie 2013, eq. 3), which is
    /// finite for q &gt; 1 only.
    /// </summary>
    /// <exception cref="InvalidOperationException">q ≤ 1: the mean is infinite.</exception>
    public double PopulationMeanSpend =>
        Parameters.Q > 1
            ? Parameters.Gamma * Parameters.P / (Parameters.Q - 1)
            : throw new InvalidOperationException($"q = {Parameters.Q.ToString(CultureInfo.InvariantCulture)} ≤ 1: the Gamma-Gamma population mean spend is infinite.");

    /// <summary>Fits the model by maximum likelihood (Fader &amp; Hardie 2013, eq. 5, with analytic gradients).</summary>
    /// <param name="data">The repeat customers' frequencies and mean spends.</param>
    /// <param name="options">Fit options; the default starting values are p = 1, q = 2, γ = the mean spend.</param>
    /// <returns>The fitted model; check <see cref="ModelFit.Convergence"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The starting values are not three.</exception>
    public static GammaGammaModel Fit(SpendData data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= FitOptions.Default;
        double meanSpend = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            meanSpend += data.MeanSpend[i] * data.Weight[i];
        }

        double[] start = options.InitialParameters?.ToArray() ?? [1, 2, meanSpend / data.CustomerCount];
        if (start.Length != 3)
        {
            throw new ArgumentException($"Gamma-Gamma has three parameters (p, q, γ); {start.Length} starting values were given.", nameof(options));
        }

        var fit = MaximumLikelihood.Maximize(Names, (theta, gradient) => LogLikelihood(data, theta, gradient), start, options, data.CustomerCount);
        return new GammaGammaModel(new GammaGammaParameters(fit.Parameters[0], fit.Parameters[1], fit.Parameters[2]), fit);
    }

    /// <summary>The log-likelihood of data under the model (eq. 5 of the 2013 note, summed with weights).</summary>
    /// <param name="data">The data.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public double LogLikelihood(SpendData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood(data, [Parameters.P, Parameters.Q, Parameters.Gamma], new double[3]);
    }

    /// <summary>
    /// E[M | p, q, γ, m̄, x] = (γ + m̄x)p/(px + q − 1): the expected spend per transaction of a customer with x
    /// repeat purchases of mean value m̄ (Fader &amp; Hardie 2013, eq. 6), a weighted mean of the population mean
    /// and the customer's own. With x = 0 it is the population mean.
    /// </summary>
    /// <param name="frequency">x, not negative.</param>
    /// <param name="meanSpend">m̄, positive when x ≥ 1 (ignored when x = 0).</param>
    /// <returns>The expected spend per transaction.</returns>
    /// <exception cref="ArgumentOutOfRangeException">x is negative, or m̄ is not positive and finite while x ≥ 1.</exception>
    /// <exception cref="InvalidOperationException">px + q ≤ 1, where the expectation is infinite.</exception>
    public double ConditionalExpectedSpend(int frequency, double meanSpend)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        if (frequency == 0)
        {
            return PopulationMeanSpend;
        }

        if (!double.IsFinite(meanSpend) || meanSpend <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(meanSpend), meanSpend, "The mean spend of a repeat customer must be positive and finite for the Gamma-Gamma model.");
        }

        var (p, q, gamma) = Parameters;
        double denominator = (p * frequency) + q - 1;
        return denominator > 0
            ? (gamma + (meanSpend * frequency)) * p / denominator
            : throw new InvalidOperationException("px + q ≤ 1: the expected spend is infinite for this customer.");
    }

    /// <summary>The same for a customer summary: x = <see cref="CustomerSummary.Frequency"/>, m̄ = <see cref="CustomerSummary.MonetaryValue"/>.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The expected spend per transaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A repeat customer's mean spend is not positive.</exception>
    public double ConditionalExpectedSpend(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return ConditionalExpectedSpend(customer.Frequency, customer.MonetaryValue);
    }

    /// <inheritdoc />
    public override string ToString() => "Gamma-Gamma " + Parameters;

    /// <summary>
    /// ln L = lnΓ(px + q) − lnΓ(px) − lnΓ(q) + q ln γ + (px − 1) ln m̄ + px ln x − (px + q) ln(γ + m̄x), and its
    /// gradient with respect to (p, q, γ).
    /// </summary>
    internal static double LogLikelihood(SpendData data, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double p = theta[0], q = theta[1], gamma = theta[2];
        double lgQ = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q), logGamma = Math.Log(gamma);
        var xs = data.Frequency;
        var spend = data.MeanSpend;
        var weight = data.Weight;
        double ll = 0, gp = 0, gq = 0, gg = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double x = xs[i], m = spend[i], w = weight[i];
            double px = p * x;
            double logM = Math.Log(m), logX = Math.Log(x), logGMX = Math.Log(gamma + (m * x));
            double psiPXQ = SpecialFunctions.DiGamma(px + q);
            ll += w * (SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lgQ + (q * logGamma) + ((px - 1) * logM) + (px * logX) - ((px + q) * logGMX));
            gp += w * x * (psiPXQ - SpecialFunctions.DiGamma(px) + logM + logX - logGMX);
            gq += w * (psiPXQ - psiQ + logGamma - logGMX);
            gg += w * ((q / gamma) - ((px + q) / (gamma + (m * x))));
        }

        gradient[0] = gp;
        gradient[1] = gq;
        gradient[2] = gg;
        return ll;
    }
}

/// <summary>The parameters of the Gamma-Gamma model: shape p of transaction values, and the Gamma(q, γ)
/// distribution of their scale across customers.</summary>
/// <remarks>An immutable value; every parameter is positive and finite.</remarks>
public readonly struct GammaGammaParameters : IEquatable<GammaGammaParameters>
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="p">Shape of a customer's transaction values.</param>
    /// <param name="q">Shape of the scale distribution.</param>
    /// <param name="gamma">Scale of the scale distribution (γ), in currency.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite.</exception>
    public GammaGammaParameters(double p, double q, double gamma)
    {
        P = BgNbdParameters.Positive(p, nameof(p));
        Q = BgNbdParameters.Positive(q, nameof(q));
        Gamma = BgNbdParameters.Positive(gamma, nameof(gamma));
    }

    /// <summary>p.</summary>
    public double P { get; }

    /// <summary>q.</summary>
    public double Q { get; }

    /// <summary>γ.</summary>
    public double Gamma { get; }

    /// <summary>Deconstructs into (p, q, γ).</summary>
    /// <param name="p">p.</param>
    /// <param name="q">q.</param>
    /// <param name="gamma">γ.</param>
    public void Deconstruct(out double p, out double q, out double gamma) => (p, q, gamma) = (P, Q, Gamma);

    /// <inheritdoc />
    public bool Equals(GammaGammaParameters other) => P.Equals(other.P) && Q.Equals(other.Q) && Gamma.Equals(other.Gamma);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GammaGammaParameters other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(P, Q, Gamma);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p = {P:G6}, q = {Q:G6}, γ = {Gamma:G6}");

    /// <summary>Whether two parameter sets are equal.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(GammaGammaParameters left, GammaGammaParameters right) => left.Equals(right);

    /// <summary>Whether two parameter sets differ.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(GammaGammaParameters left, GammaGammaParameters right) => !left.Equals(right);
}
