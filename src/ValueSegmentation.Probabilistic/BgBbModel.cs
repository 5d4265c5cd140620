using System.Globalization;
using MathNet.Numerics;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The BG/BB model of Fader, Hardie &amp; Shang (2010), "Customer-Base Analysis in a Discrete-Time Noncontractual
/// Setting", <em>Marketing Science</em> 29(6), 1086–1108: at each of n discrete opportunities an active customer
/// transacts with probability p ~ Beta(α, β), and before each later opportunity becomes inactive with probability
/// θ ~ Beta(γ, δ).
/// </summary>
/// <remarks>
/// <para>Time is counted in opportunities (for example years of an annual campaign); x is the number of repeat
/// transactions in n opportunities and t<sub>x</sub> the opportunity of the last one (0 when x = 0). The likelihood
/// (eq. 5) carries no binomial constants, the paper's convention. Immutable and thread-safe.</para>
/// </remarks>
public sealed class BgBbModel
{
    private static readonly string[] Names = ["alpha", "beta", "gamma", "delta"];

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="parameters">α, β, γ, δ.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is a default value.</exception>
    public BgBbModel(BgBbParameters parameters)
        : this(parameters, null)
    {
    }

    private BgBbModel(BgBbParameters parameters, ModelFit? fit)
    {
        Parameters = parameters.Alpha != 0 ? parameters : throw new ArgumentException("The parameters are a default value; create them with their constructor.", nameof(parameters));
        FitResult = fit;
    }

    /// <summary>The parameters.</summary>
    public BgBbParameters Parameters { get; }

    /// <summary>The fit that produced the parameters; <see langword="null"/> when they were given.</summary>
    public ModelFit? FitResult { get; }

    /// <summary>Fits the model by maximum likelihood (eq. 5, analytic gradients).</summary>
    /// <param name="data">The customers' histories.</param>
    /// <param name="options">Fit options; the default starting values are all 1.</param>
    /// <returns>The fitted model; check <see cref="ModelFit.Convergence"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The starting values are not four.</exception>
    public static BgBbModel Fit(DiscreteRepeatData data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= FitOptions.Default;
        double[] start = options.InitialParameters?.ToArray() ?? [1, 1, 1, 1];
        if (start.Length != 4)
        {
            throw new ArgumentException($"BG/BB has four parameters (α, β, γ, δ); {start.Length} starting values were given.", nameof(options));
        }

        var fit = MaximumLikelihood.Maximize(Names, (theta, gradient) => LogLikelihood(data, theta, gradient), start, options, data.CustomerCount);
        var p = fit.Parameters;
        return new BgBbModel(new BgBbParameters(p[0], p[1], p[2], p[3]), fit);
    }

    /// <summary>The log-likelihood of data (eq. 5, summed with weights).</summary>
    /// <param name="data">The data.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public double LogLikelihood(DiscreteRepeatData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return LogLikelihood(data, [Parameters.Alpha, Parameters.Beta, Parameters.Gamma, Parameters.Delta], new double[4]);
    }

    /// <summary>
    /// P(alive at opportunity n + 1 | x, t<sub>x</sub>, n) = B(α + x, β + n − x)/B(α, β) · B(γ, δ + n + 1)/B(γ, δ) / L
    /// (eq. 11): the probability that the customer is still active at the next opportunity.
    /// </summary>
    /// <param name="frequency">x, the repeat transactions.</param>
    /// <param name="recency">t<sub>x</sub>, the opportunity of the last one (0 when x = 0).</param>
    /// <param name="opportunities">n, the opportunities observed.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public double ProbabilityAlive(int frequency, int recency, int opportunities)
    {
        DiscreteRepeatData.Validate(frequency, recency, opportunities, nameof(frequency), string.Empty);
        var (alpha, beta, gamma, delta) = Parameters;
        double logL = LogLikelihoodOfOne(frequency, recency, opportunities);
        double logAliveTerm = SpecialFunctions.BetaLn(alpha + frequency, beta + opportunities - frequency) - SpecialFunctions.BetaLn(alpha, beta)
            + SpecialFunctions.BetaLn(gamma, delta + opportunities + 1) - SpecialFunctions.BetaLn(gamma, delta);
        return Math.Clamp(Math.Exp(logAliveTerm - logL), 0, 1);
    }

    /// <summary>
    /// E[X(n, n + n*) | x, t<sub>x</sub>, n]: the expected transactions in the next <paramref name="periods"/>
    /// opportunities (eq. 13): 1/L · B(α + x + 1, β + n − x)/B(α, β) · δ/(γ − 1) · Γ(γ + δ)/Γ(1 + δ) ·
    /// [Γ(1 + δ + n)/Γ(γ + δ + n) − Γ(1 + δ + n + n*)/Γ(γ + δ + n + n*)], with its limit at γ = 1.
    /// </summary>
    /// <param name="periods">n*, the number of future opportunities; not negative.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t<sub>x</sub>.</param>
    /// <param name="opportunities">n.</param>
    /// <returns>The expected number of transactions.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative.</exception>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public double ConditionalExpectedTransactions(int periods, int frequency, int recency, int opportunities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        DiscreteRepeatData.Validate(frequency, recency, opportunities, nameof(frequency), string.Empty);
        if (periods == 0)
        {
            return 0;
        }

        var (alpha, beta, gamma, delta) = Parameters;
        int n = opportunities;
        double logL = LogLikelihoodOfOne(frequency, recency, n);
        double logFront = SpecialFunctions.BetaLn(alpha + frequency + 1, beta + n - frequency) - SpecialFunctions.BetaLn(alpha, beta) - logL;

        // δ/(γ − 1) · Γ(γ + δ)/Γ(1 + δ) · [g(n) − g(n + n*)] with g(m) = Γ(1 + δ + m)/Γ(γ + δ + m) equals
        // Σ_{k=n}^{n+n*−1} B(γ, δ + k + 1)/B(γ, δ): the probability of being alive at each future opportunity. The sum
        // form has no singularity at γ = 1 and no cancellation.
        double sum = 0;
        double logBetaGD = SpecialFunctions.BetaLn(gamma, delta);
        for (int k = n; k < n + periods; k++)
        {
            sum += Math.Exp(SpecialFunctions.BetaLn(gamma, delta + k + 1) - logBetaGD);
        }

        return Math.Exp(logFront) * sum;
    }

    /// <summary>
    /// P(X(n) = x): the probability that a customer makes x repeat transactions in n opportunities (eq. 7), so that
    /// N · P(X(n) = x) is the expected number of customers with x transactions.
    /// </summary>
    /// <param name="frequency">x, from 0 to n.</param>
    /// <param name="opportunities">n, not negative.</param>
    /// <returns>The probability.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public double ProbabilityOfTransactions(int frequency, int opportunities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(opportunities);
        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequency, opportunities);
        var (alpha, beta, gamma, delta) = Parameters;
        int x = frequency, n = opportunities;
        double logBetaAB = SpecialFunctions.BetaLn(alpha, beta), logBetaGD = SpecialFunctions.BetaLn(gamma, delta);
        double probability = Math.Exp(SpecialFunctions.BinomialLn(n, x) + SpecialFunctions.BetaLn(alpha + x, beta + n - x) - logBetaAB
            + SpecialFunctions.BetaLn(gamma, delta + n) - logBetaGD);
        for (int i = x; i < n; i++)
        {
            probability += Math.Exp(SpecialFunctions.BinomialLn(i, x) + SpecialFunctions.BetaLn(alpha + x, beta + i - x) - logBetaAB
                + SpecialFunctions.BetaLn(gamma + 1, delta + i) - logBetaGD);
        }

        return Math.Clamp(probability, 0, 1);
    }

    /// <inheritdoc />
    public override string ToString() => "BG/BB " + Parameters;

    private double LogLikelihoodOfOne(int x, int tx, int n)
    {
        Span<double> ignored = stackalloc double[4];
        return LogLikelihoodOfOne(Parameters.Alpha, Parameters.Beta, Parameters.Gamma, Parameters.Delta, x, tx, n, ignored, withGradient: false);
    }

    /// <summary>
    /// ln L = ln[B(α + x, β + n − x)/B(α, β) · B(γ, δ + n)/B(γ, δ) + Σ_{i=0}^{n−t<sub>x</sub>−1} B(α + x, β + t<sub>x</sub> − x + i)/B(α, β) ·
    /// B(γ + 1, δ + t<sub>x</sub> + i)/B(γ, δ)] (eq. 5), with its gradient in (α, β, γ, δ) when asked.
    /// </summary>
    private static double LogLikelihoodOfOne(double alpha, double beta, double gamma, double delta, int x, int tx, int n, Span<double> gradient, bool withGradient)
    {
        double psiA = 0, psiB = 0, psiAB = 0, psiG = 0, psiD = 0, psiGD = 0;
        if (withGradient)
        {
            psiA = SpecialFunctions.DiGamma(alpha);
            psiB = SpecialFunctions.DiGamma(beta);
            psiAB = SpecialFunctions.DiGamma(alpha + beta);
            psiG = SpecialFunctions.DiGamma(gamma);
            psiD = SpecialFunctions.DiGamma(delta);
            psiGD = SpecialFunctions.DiGamma(gamma + delta);
        }

        double logBetaAB = SpecialFunctions.BetaLn(alpha, beta), logBetaGD = SpecialFunctions.BetaLn(gamma, delta);
        int terms = n - tx + 1;
        Span<double> logs = stackalloc double[terms];
        Span<double> grads = withGradient ? stackalloc double[4 * terms] : [];
        for (int j = 0; j < terms; j++)
        {
            // j = 0: alive throughout (m = n − x transaction-free opportunities, B(γ, δ + n)); j ≥ 1: dropped out after
            // opportunity t_x + i, i = j − 1 (B(γ + 1, δ + t_x + i)).
            double m = j == 0 ? n - x : tx - x + (j - 1);
            double g = j == 0 ? gamma : gamma + 1;
            double d = j == 0 ? delta + n : delta + tx + (j - 1);
            logs[j] = SpecialFunctions.BetaLn(alpha + x, beta + m) - logBetaAB + SpecialFunctions.BetaLn(g, d) - logBetaGD;
            if (withGradient)
            {
                double psiTransact = SpecialFunctions.DiGamma(alpha + beta + x + m);
                double psiDrop = SpecialFunctions.DiGamma(g + d);
                grads[4 * j] = SpecialFunctions.DiGamma(alpha + x) - psiTransact - psiA + psiAB;
                grads[(4 * j) + 1] = SpecialFunctions.DiGamma(beta + m) - psiTransact - psiB + psiAB;
                grads[(4 * j) + 2] = SpecialFunctions.DiGamma(g) - psiDrop - psiG + psiGD;
                grads[(4 * j) + 3] = SpecialFunctions.DiGamma(d) - psiDrop - psiD + psiGD;
            }
        }

        double max = double.NegativeInfinity;
        foreach (double l in logs)
        {
            max = Math.Max(max, l);
        }

        double sum = 0;
        foreach (double l in logs)
        {
            sum += Math.Exp(l - max);
        }

        if (withGradient)
        {
            gradient.Clear();
            for (int j = 0; j < terms; j++)
            {
                double weight = Math.Exp(logs[j] - max) / sum;
                for (int k = 0; k < 4; k++)
                {
                    gradient[k] += weight * grads[(4 * j) + k];
                }
            }
        }

        return max + Math.Log(sum);
    }

    /// <summary>The weighted log-likelihood of data and its gradient.</summary>
    internal static double LogLikelihood(DiscreteRepeatData data, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double ll = 0;
        Span<double> total = stackalloc double[4];
        Span<double> one = stackalloc double[4];
        total.Clear();
        for (int i = 0; i < data.RowCount; i++)
        {
            var row = data[i];
            ll += row.Weight * LogLikelihoodOfOne(theta[0], theta[1], theta[2], theta[3], row.Frequency, row.Recency, row.Opportunities, one, withGradient: true);
            for (int k = 0; k < 4; k++)
            {
                total[k] += row.Weight * one[k];
            }
        }

        total.CopyTo(gradient);
        return ll;
    }
}

/// <summary>The parameters of the BG/BB model: transaction probability p ~ Beta(α, β) and drop-out probability
/// θ ~ Beta(γ, δ).</summary>
/// <remarks>An immutable value; every parameter is positive and finite.</remarks>
public readonly struct BgBbParameters : IEquatable<BgBbParameters>
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="alpha">α.</param>
    /// <param name="beta">β.</param>
    /// <param name="gamma">γ.</param>
    /// <param name="delta">δ.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite.</exception>
    public BgBbParameters(double alpha, double beta, double gamma, double delta)
    {
        Alpha = BgNbdParameters.Positive(alpha, nameof(alpha));
        Beta = BgNbdParameters.Positive(beta, nameof(beta));
        Gamma = BgNbdParameters.Positive(gamma, nameof(gamma));
        Delta = BgNbdParameters.Positive(delta, nameof(delta));
    }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <summary>γ.</summary>
    public double Gamma { get; }

    /// <summary>δ.</summary>
    public double Delta { get; }

    /// <summary>Deconstructs into (α, β, γ, δ).</summary>
    /// <param name="alpha">α.</param>
    /// <param name="beta">β.</param>
    /// <param name="gamma">γ.</param>
    /// <param name="delta">δ.</param>
    public void Deconstruct(out double alpha, out double beta, out double gamma, out double delta) => (alpha, beta, gamma, delta) = (Alpha, Beta, Gamma, Delta);

    /// <inheritdoc />
    public bool Equals(BgBbParameters other) => Alpha.Equals(other.Alpha) && Beta.Equals(other.Beta) && Gamma.Equals(other.Gamma) && Delta.Equals(other.Delta);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BgBbParameters other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Alpha, Beta, Gamma, Delta);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"α = {Alpha:G6}, β = {Beta:G6}, γ = {Gamma:G6}, δ = {Delta:G6}");

    /// <summary>Whether two parameter sets are equal.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(BgBbParameters left, BgBbParameters right) => left.Equals(right);

    /// <summary>Whether two parameter sets differ.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(BgBbParameters left, BgBbParameters right) => !left.Equals(right);
}
