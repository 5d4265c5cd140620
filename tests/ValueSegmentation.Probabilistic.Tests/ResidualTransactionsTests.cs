using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// Pareto/NBD discounted expected residual transactions (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using Iso-Value
/// Curves for Customer Base Analysis", JMR 42(4)), DERT(δ) = ∫₀^∞ e^(−δt) dE[Y(t) | x, t_x, T], against the direct
/// numerical evaluation of that definition.
/// </summary>
public sealed class ParetoNbdResidualTransactionsTests
{
    /// <summary>The published CDNOW estimates (data/README.md), weeks.</summary>
    private static readonly ParetoNbdModel Published = new(new ParetoNbdParameters(0.553, 10.578, 0.606, 11.669), TimeUnit.Weeks);

    private const double WeeksPerYear = 365.25 / 7;
    private const double WeeksPerMonth = 365.25 / 12 / 7;

    /// <summary>15 % a year (FHL 2005's rate) and 1 % a month as continuous weekly rates, and two larger rates that put
    /// δ(β + T) near and above 1, where the special function changes method.</summary>
    public static TheoryData<double> Rates => [Math.Log(1.15) / WeeksPerYear, Math.Log(1.01) / WeeksPerMonth, 0.025, 0.5];

    [Theory]
    [MemberData(nameof(Rates))]
    public void Equals_the_discounted_integral_of_the_purchase_rate_on_cdnow(double delta)
    {
        // Definition: DERT = ∫₀^∞ e^(−δt) (d/dt)E[Y(t) | x, t_x, T] dt, where, from E[Y(t)] of Schmittlein et al. (1987,
        // eq. 22), (d/dt)E[Y(t)] = P(alive)·(r + x)/(α + T)·((β + T)/(β + T + t))^s. The reference integrates that with
        // adaptive Gauss–Legendre after t = τ/(δ(1 − τ)) to a relative 10⁻¹³; P(alive) is the model's. Every distinct
        // history of the CDNOW summary (x, t_x, T in weeks).
        var (r, alpha, s, beta) = Published.Parameters;
        var data = CdnowData.Rfm;
        var integrals = new Dictionary<double, double>();
        double worst = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            var row = data[i];
            double b = beta + row.Age;
            if (!integrals.TryGetValue(row.Age, out double integral))
            {
                integral = Quadrature.IntegrateToInfinity(t => Math.Exp((-delta * t) - (s * Math.Log(1 + (t / b)))), 1 / delta, 1e-13);
                integrals.Add(row.Age, integral);
            }

            double reference = Published.ProbabilityAlive(row.Frequency, row.Recency, row.Age) * (r + row.Frequency) / (alpha + row.Age) * integral;
            double actual = Published.DiscountedExpectedResidualTransactions(delta, row.Frequency, row.Recency, row.Age);
            worst = Math.Max(worst, Math.Abs(actual - reference) / reference);
        }

        Assert.True(worst <= 1e-10, $"largest relative error {worst:E2} over {data.RowCount} histories");
    }

    [Theory]
    [MemberData(nameof(Rates))]
    public void Equals_the_discounted_expected_purchases_integrated_by_parts(double delta)
    {
        // The same definition integrated by parts, DERT = δ ∫₀^∞ e^(−δt) E[Y(t) | x, t_x, T] dt (E[Y(0)] = 0), with E[Y(t)]
        // from the model's own ConditionalExpectedPurchases: closes the loop with the published E[Y(t)] formula.
        (int X, double Recency, double Age)[] histories = [(0, 0, 38.86), (1, 1.71, 32.71), (2, 30.43, 38.86), (7, 29.43, 35.14), (26, 30.86, 31), (14, 35.0, 36.14)];
        foreach (var (x, recency, age) in histories)
        {
            double reference = delta * Quadrature.IntegrateToInfinity(t => Math.Exp(-delta * t) * Published.ConditionalExpectedPurchases(t, x, recency, age), 1 / delta, 1e-13);
            IncompleteGammaTests.AssertClose(reference, Published.DiscountedExpectedResidualTransactions(delta, x, recency, age), 1e-10);
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.01)]
    [InlineData(1.4999)]
    [InlineData(2.5)]
    [InlineData(60)]
    public void Holds_for_other_drop_out_shapes(double s)
    {
        // s = 1 exactly (where U(1, 1, z) = e^z E₁(z)), small s, and s on both sides of the library's switches (the
        // recurrence from s − m and the continued fraction from s = 50), against the same integral.
        var model = new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.578, s, 11.669), TimeUnit.Weeks);
        foreach (double delta in new[] { 0.002679, 0.05 })
        {
            foreach (var (x, recency, age) in new (int, double, double)[] { (0, 0, 38.86), (2, 30.43, 38.86), (26, 30.86, 31) })
            {
                double b = 11.669 + age;
                double integral = Quadrature.IntegrateToInfinity(t => Math.Exp((-delta * t) - (s * Math.Log(1 + (t / b)))), 1 / delta, 1e-13);
                double reference = model.ProbabilityAlive(x, recency, age) * (0.553 + x) / (10.578 + age) * integral;
                IncompleteGammaTests.AssertClose(reference, model.DiscountedExpectedResidualTransactions(delta, x, recency, age), 1e-10);
            }
        }
    }

    [Fact]
    public void Is_continuous_at_s_equal_one()
    {
        // At s = 1 the incomplete gamma function has order 0 (E₁); the value at s = 1 ± 10⁻⁹ differs from it by
        // about 10⁻⁹ of its derivative in s, estimated by a central difference at ±10⁻⁵.
        double dert(double s) => new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.578, s, 11.669), TimeUnit.Weeks)
            .DiscountedExpectedResidualTransactions(Math.Log(1.15) / WeeksPerYear, 2, 30.43, 38.86);
        double at = dert(1), slope = (dert(1 + 1e-5) - dert(1 - 1e-5)) / 2e-5;
        Assert.Equal(at + (1e-9 * slope), dert(1 + 1e-9), 1e-13 * at);
        Assert.Equal(at - (1e-9 * slope), dert(1 - 1e-9), 1e-13 * at);
    }

    [Fact]
    public void Decreases_in_the_discount_rate_towards_the_undiscounted_rate_over_delta()
    {
        // Antitone in δ; as δ(β + T) → ∞, E[1/(μ + δ)] → 1/δ, so DERT·δ → P(alive)(r + x)/(α + T), with a relative
        // gap of about s/(δ(β + T)).
        var (r, alpha, s, beta) = Published.Parameters;
        foreach (var (x, recency, age) in new (int, double, double)[] { (0, 0, 38.86), (2, 30.43, 38.86), (26, 30.86, 31), (1, 2, 27) })
        {
            double previous = double.PositiveInfinity;
            for (double delta = 1e-12; delta < 1e7; delta *= 1.7)
            {
                double value = Published.DiscountedExpectedResidualTransactions(delta, x, recency, age);
                Assert.True(double.IsFinite(value) && value > 0 && value < previous, $"δ = {delta}: {value} after {previous}");
                previous = value;
            }

            double big = 1e6;
            double limit = Published.ProbabilityAlive(x, recency, age) * (r + x) / (alpha + age);
            double ratio = Published.DiscountedExpectedResidualTransactions(big, x, recency, age) * big / limit;
            Assert.Equal(1 - (s / (big * (beta + age))), ratio, 1e-12);
        }
    }

    [Fact]
    public void The_summary_and_batch_forms_agree_with_the_single_customer()
    {
        double delta = Math.Log(1.15) / WeeksPerYear;
        var customers = Cdnow.PublishedRfm()
            .Select(p => CustomerSummary.FromNumbers(p.Key, p.Value.Frequency, p.Value.Recency, p.Value.Age, TimeUnit.Weeks))
            .ToArray();
        var batch = new double[customers.Length];
        Published.DiscountedExpectedResidualTransactions(delta, customers, batch);
        for (int i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            double single = Published.DiscountedExpectedResidualTransactions(delta, c.Frequency, c.Recency, c.Age);
            Assert.Equal(single, batch[i]);
            Assert.Equal(single, Published.DiscountedExpectedResidualTransactions(delta, c));
        }

        // Summed over the 2,357 customers of the cohort: a figure to compare with other implementations.
        Assert.InRange(batch.Sum(), 1, 1e5);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_argument_named()
    {
        foreach (double rate in new[] { 0, -0.01, double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Published.DiscountedExpectedResidualTransactions(rate, 2, 30.43, 38.86));
            Assert.Equal("discountRate", error.ParamName);
            Assert.Equal(rate, error.ActualValue);
            Assert.Equal("discountRate", Assert.Throws<ArgumentOutOfRangeException>(() => Published.DiscountedExpectedResidualTransactions(rate, [], [])).ParamName);
        }

        Assert.Equal("recency", Assert.Throws<ArgumentException>(() => Published.DiscountedExpectedResidualTransactions(0.01, 2, 40, 38.86)).ParamName);
        Assert.Equal("frequency", Assert.Throws<ArgumentException>(() => Published.DiscountedExpectedResidualTransactions(0.01, -1, 0, 38.86)).ParamName);
        Assert.Equal("recency", Assert.Throws<ArgumentException>(() => Published.DiscountedExpectedResidualTransactions(0.01, 0, 3, 38.86)).ParamName);

        var inDays = CustomerSummary.FromNumbers("a", 2, 213, 272, TimeUnit.Days);
        Assert.Equal("customer", Assert.Throws<ArgumentException>(() => Published.DiscountedExpectedResidualTransactions(0.01, inDays)).ParamName);
        Assert.Equal("customers", Assert.Throws<ArgumentException>(() => Published.DiscountedExpectedResidualTransactions(0.01, [inDays], new double[1])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => Published.DiscountedExpectedResidualTransactions(0.01, [CustomerSummary.FromNumbers("b", 1, 2, 3, TimeUnit.Weeks)], [])).ParamName);
        Assert.Throws<ArgumentNullException>(() => Published.DiscountedExpectedResidualTransactions(0.01, (CustomerSummary)null!));
    }

    [Fact]
    public void Tiny_rates_stay_finite_or_are_rejected_by_name()
    {
        // δ → 0: DERT grows like δ^(s−1) for s < 1, but stays a finite double down to the smallest positive rate.
        double value = Published.DiscountedExpectedResidualTransactions(double.Epsilon, 2, 30.43, 38.86);
        Assert.True(double.IsFinite(value) && value > 1e100, $"{value}");

        // A rate so small that δ(β + T) underflows to zero is rejected, naming the rate.
        var tinyBeta = new ParetoNbdModel(new ParetoNbdParameters(0.5, 1, 0.6, 0.25), TimeUnit.Weeks);
        Assert.Equal("discountRate", Assert.Throws<ArgumentOutOfRangeException>(() => tinyBeta.DiscountedExpectedResidualTransactions(double.Epsilon, 0, 0, 0)).ParamName);
    }
}

/// <summary>
/// BG/BB discounted expected residual transactions and P(alive) m opportunities ahead (Fader, Hardie &amp; Shang 2010,
/// "Customer-Base Analysis in a Discrete-Time Noncontractual Setting", Marketing Science 29(6)), on the donations data.
/// </summary>
public sealed class BgBbResidualTransactionsTests
{
    /// <summary>The published estimates (data/README.md).</summary>
    private static readonly BgBbModel Published = new(new BgBbParameters(1.204, 0.750, 0.657, 2.783));

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.01)]
    public void Equals_the_discounted_sum_of_expected_transactions_for_every_donor_pattern(double d)
    {
        // Definition: DERT = Σₖ₌₁^∞ (E[X(n, n + k)] − E[X(n, n + k − 1)])/(1 + d)ᵏ, with E[X(n, n + k)] from the model's
        // ConditionalExpectedTransactions (FHS 2010, eq. 13). The terms shrink at least by the factor v = 1/(1 + d) from
        // one to the next, so the rest after term K is at most term_K·v/(1 − v); the sum stops when that is below
        // 10⁻¹² of the total. All 22 (x, t_x) patterns of the file, n = 6.
        var patterns = DonationsData.Patterns;
        Assert.Equal(22, patterns.Count);
        var errors = new double[patterns.Count];
        Parallel.For(0, patterns.Count, i =>
        {
            var (x, tx, n, _) = patterns[i];
            double v = 1 / (1 + d), discount = 1, sum = 0, previous = 0;
            for (int k = 1; ; k++)
            {
                double cumulative = Published.ConditionalExpectedTransactions(k, x, tx, n);
                discount *= v;
                double term = (cumulative - previous) * discount;
                sum += term;
                previous = cumulative;
                if (term * v / (1 - v) < 1e-12 * sum)
                {
                    break;
                }
            }

            double actual = Published.DiscountedExpectedResidualTransactions(d, x, tx, n);
            errors[i] = Math.Abs(actual - sum) / sum;
        });

        Assert.True(errors.Max() <= 1e-10, $"largest relative error {errors.Max():E2}");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(0.999999)]
    public void Holds_at_integer_drop_out_shapes(double gamma)
    {
        // γ = 1 (and 2) exactly, where c − a − b of the hypergeometric function is an integer and the usual connection
        // formula is singular, and γ near 1; against the same discounted sum of ConditionalExpectedTransactions.
        var model = new BgBbModel(new BgBbParameters(1.204, 0.750, gamma, 2.783));
        foreach (double d in new[] { 0.1, 0.03 })
        {
            foreach (var (x, tx, n) in new[] { (0, 0, 6), (2, 4, 6), (6, 6, 6), (1, 1, 6) })
            {
                double v = 1 / (1 + d), discount = 1, sum = 0, previous = 0;
                for (int k = 1; ; k++)
                {
                    double cumulative = model.ConditionalExpectedTransactions(k, x, tx, n);
                    discount *= v;
                    double term = (cumulative - previous) * discount;
                    sum += term;
                    previous = cumulative;
                    if (term * v / (1 - v) < 1e-12 * sum)
                    {
                        break;
                    }
                }

                IncompleteGammaTests.AssertClose(sum, model.DiscountedExpectedResidualTransactions(d, x, tx, n), 1e-10);
            }
        }
    }

    [Fact]
    public void Decreases_in_the_discount_rate_and_stays_finite()
    {
        foreach (var (x, tx, n, _) in DonationsData.Patterns)
        {
            double previous = double.PositiveInfinity;
            for (double d = 1e-9; d < 1e6; d *= 1.9)
            {
                double value = Published.DiscountedExpectedResidualTransactions(d, x, tx, n);
                Assert.True(double.IsFinite(value) && value > 0 && value < previous, $"d = {d}: {value} after {previous}");
                previous = value;
            }
        }

        // Many opportunities (n = 2,000 weekly draws at 10 % per opportunity), where the terms of the usual
        // connection formula would overflow.
        double many = Published.DiscountedExpectedResidualTransactions(0.1, 1500, 1990, 2000);
        Assert.True(double.IsFinite(many) && many > 0, $"{many}");
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_argument_named()
    {
        foreach (double rate in new[] { 0, -0.1, double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Published.DiscountedExpectedResidualTransactions(rate, 2, 4, 6));
            Assert.Equal("discountRate", error.ParamName);
            Assert.Equal(rate, error.ActualValue);
        }

        Assert.Equal("frequency", Assert.Throws<ArgumentException>(() => Published.DiscountedExpectedResidualTransactions(0.1, 3, 2, 6)).ParamName);
        Assert.Equal("frequency", Assert.Throws<ArgumentException>(() => Published.DiscountedExpectedResidualTransactions(0.1, 0, 2, 6)).ParamName);
        Assert.Equal("frequency", Assert.Throws<ArgumentException>(() => Published.DiscountedExpectedResidualTransactions(0.1, 1, 7, 6)).ParamName);
    }

    [Fact]
    public void One_opportunity_ahead_reproduces_the_published_p_alive_at_the_published_estimates()
    {
        // FHS 2010 (and data/README.md): P(alive in 2002) = 0.11 for (x, t_x) = (0, 0), 0.59 for (2, 4), 0.93 for
        // (6, 6), n = 6. BgBbTests checks this at the refitted estimates with the default m; here m = 1 is explicit
        // and the parameters are the published ones.
        Assert.Equal(0.11, Published.ProbabilityAlive(0, 0, 6, futureOpportunities: 1), 2);
        Assert.Equal(0.59, Published.ProbabilityAlive(2, 4, 6, futureOpportunities: 1), 2);
        Assert.Equal(0.93, Published.ProbabilityAlive(6, 6, 6, futureOpportunities: 1), 2);
        Assert.Equal(Published.ProbabilityAlive(2, 4, 6), Published.ProbabilityAlive(2, 4, 6, futureOpportunities: 1));
    }

    [Fact]
    public void P_alive_does_not_increase_with_the_opportunities_ahead()
    {
        foreach (var (x, tx, n, _) in DonationsData.Patterns)
        {
            double previous = 1;
            for (int m = 1; m <= 200; m++)
            {
                double alive = Published.ProbabilityAlive(x, tx, n, m);
                Assert.InRange(alive, 0, previous);
                previous = alive;
            }
        }
    }

    [Fact]
    public void Each_future_transaction_is_the_transaction_rate_times_p_alive_then()
    {
        // The expected transaction at opportunity n + k is E[p | x, n, alive] · P(alive at n + k | x, t_x, n), with
        // E[p | …] = (α + x)/(α + β + n): E[X(n, n + k)] − E[X(n, n + k − 1)] equals it for k = 1..10.
        var (alpha, beta, _, _) = Published.Parameters;
        foreach (var (x, tx, n, _) in DonationsData.Patterns)
        {
            for (int k = 1; k <= 10; k++)
            {
                double increment = Published.ConditionalExpectedTransactions(k, x, tx, n) - Published.ConditionalExpectedTransactions(k - 1, x, tx, n);
                double product = (alpha + x) / (alpha + beta + n) * Published.ProbabilityAlive(x, tx, n, k);
                IncompleteGammaTests.AssertClose(product, increment, 1e-12);
            }
        }
    }

    [Fact]
    public void Fewer_than_one_opportunity_ahead_is_rejected()
    {
        foreach (int m in new[] { 0, -1, int.MinValue })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Published.ProbabilityAlive(2, 4, 6, m));
            Assert.Equal("futureOpportunities", error.ParamName);
        }
    }
}
