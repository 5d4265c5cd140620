using System.Globalization;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Distributions;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Probabilistic.Covariates;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// Fits with three time-invariant covariates on 10^5 synthetic customers (issue 16), drawn with a seed from BG/NBD at the
/// CDNOW estimates with effects on the purchase rate and the dropout probability, and repeat spend from Gamma-Gamma with
/// an effect on the mean spend. Two designs: three 0/1 covariates (eight groups of equal covariates: the data compress to
/// weighted rows per group) and three standard-normal covariates (every customer a group of their own). The baseline is
/// BG/NBD without covariates on the same customers.
/// </summary>
[MemoryDiagnoser]
public class CovariateFitBenchmarks
{
    private CustomerSummary[] _customers = [];
    private CustomerCovariates _covariates = null!;

    /// <summary>Customers: 10^4 and 10^5, capped by <c>VSEG_BENCH_MAX_SIZE</c>.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Customers { get; set; }

    /// <summary>The sizes run.</summary>
    public static IEnumerable<int> Sizes => BenchmarkSizes.Capped(10_000, 100_000);

    /// <summary>"binary" (three 0/1 covariates) or "normal" (three standard-normal covariates).</summary>
    [Params("binary", "normal")]
    public string Design { get; set; } = "binary";

    /// <summary>Draws the customers and their covariates.</summary>
    [GlobalSetup]
    public void Setup() => (_customers, _covariates) = Draw(Customers, Design == "normal", seed: 16);

    /// <summary>BG/NBD without covariates on the same customers.</summary>
    /// <returns>The model.</returns>
    [Benchmark(Baseline = true)]
    public BgNbdModel BgNbdAlone() => BgNbdModel.Fit(RepeatPurchaseData.FromSummaries(_customers));

    /// <summary>BG/NBD with the three covariates on the purchase rate and on both dropout parameters (9 effects), plus
    /// the fit without covariates for the likelihood-ratio test.</summary>
    /// <returns>The model.</returns>
    [Benchmark]
    public CovariateModel<RepeatPurchaseModel> BgNbdWithCovariates() => CovariateModels.FitTransactions(TransactionModelKind.BgNbd, _customers, _covariates);

    /// <summary>Gamma-Gamma with the three covariates on the mean spend (3 effects), on the repeat customers.</summary>
    /// <returns>The model.</returns>
    [Benchmark]
    public CovariateModel<GammaGammaModel> GammaGammaWithCovariates() => CovariateModels.FitSpend(_customers, _covariates);

    /// <summary>Customers drawn from BG/NBD (r 0.243, α 4.414·e^(−γ·z), a 0.793·e^(0.2 Σz), b 2.426·e^(−0.2 Σz)) over
    /// T uniform in [1, 39] weeks, γ = (0.4, −0.3, 0.2), with repeat spend from Gamma-Gamma (p 6.25, q 3.74,
    /// γ 15.44·e^(0.3 z₁)).</summary>
    /// <param name="count">The number of customers.</param>
    /// <param name="normal">Standard-normal covariates instead of 0/1.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The summaries and the covariates.</returns>
    public static (CustomerSummary[] Customers, CustomerCovariates Covariates) Draw(int count, bool normal, int seed)
    {
        var random = new Random(seed);
        double[] effects = [0.4, -0.3, 0.2];
        var customers = new CustomerSummary[count];
        var values = new KeyValuePair<string, IReadOnlyList<double>>[count];
        for (int i = 0; i < count; i++)
        {
            double[] z = [.. Enumerable.Range(0, 3).Select(_ => normal ? Normal.Sample(random, 0, 1) : random.Next(2))];
            double linear = (effects[0] * z[0]) + (effects[1] * z[1]) + (effects[2] * z[2]);
            double age = 1 + (38 * random.NextDouble());
            double rate = Gamma.Sample(random, 0.243, 4.414 * Math.Exp(-linear));
            double p = Beta.Sample(random, 0.793 * Math.Exp(0.2 * z.Sum()), 2.426 * Math.Exp(-0.2 * z.Sum()));
            double nu = Gamma.Sample(random, 3.74, 15.44 * Math.Exp(0.3 * z[0]));
            int x = 0;
            double t = 0, tx = 0, spend = 0;
            while ((t += Exponential.Sample(random, rate)) <= age)
            {
                (x, tx) = (x + 1, t);
                spend += Gamma.Sample(random, 6.25, nu);
                if (random.NextDouble() < p)
                {
                    break;
                }
            }

            string id = i.ToString(CultureInfo.InvariantCulture);
            customers[i] = CustomerSummary.FromNumbers(id, x, tx, age, TimeUnit.Weeks, x > 0 ? spend / x : 0);
            values[i] = new(id, z);
        }

        return (customers, new CustomerCovariates(["z1", "z2", "z3"], values));
    }
}
