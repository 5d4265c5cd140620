namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>
/// The bootstrap draws of every prediction of every customer: models drawn (parametric) or refitted to a resample of
/// the customers (nonparametric), in parallel over draws, each draw with its own generator seeded from (seed, draw) so the
/// result does not depend on the number of cores; then percentile intervals around the point estimates.
/// </summary>
internal sealed class BootstrapDraws
{
    private BootstrapDraws(DrawnQuantity purchases, DrawnQuantity alive, DrawnQuantity? spend, DrawnQuantity? value, int nonConverged)
    {
        Purchases = purchases;
        Alive = alive;
        Spend = spend;
        Value = value;
        NonConverged = nonConverged;
    }

    public DrawnQuantity Purchases { get; }

    public DrawnQuantity Alive { get; }

    public DrawnQuantity? Spend { get; }

    public DrawnQuantity? Value { get; }

    public int NonConverged { get; }

    public static BootstrapDraws Run(FittedParameters fits, ProbabilisticLifetimeValue? value, Population population, double horizon, IntervalOptions options)
    {
        bool parametric = options.Method == IntervalMethod.ParametricBootstrap;
        if (parametric)
        {
            fits.RequireCovariance();
        }
        else if (fits.Transactions.FitResult is null || (value is not null && value.Spend.FitResult is null))
        {
            throw new ArgumentException("The nonparametric bootstrap refits the models: give models fitted by this library.", value is null ? "transactions" : "lifetimeValue");
        }

        int n = population.Count, draws = options.Draws;
        var customers = population.Customers;
        var (purchases, alive) = (new double[draws][], new double[draws][]);
        var spend = value is null ? null : new double[draws][];
        var values = value is null ? null : new double[draws][];
        int nonConverged = 0;
        var transactionFactor = parametric ? FittedParameters.Cholesky(fits.TransactionCovariance!) : null;
        var spendFactor = parametric && value is not null ? FittedParameters.Cholesky(fits.SpendCovariance!) : null;
        Parallel.For(0, draws, d =>
        {
            var random = new Random(unchecked((options.Seed * 1_000_003) + d));
            RepeatPurchaseModel model;
            GammaGammaModel? spendModel = null;
            if (parametric)
            {
                model = fits.Transactions.WithParameters(Draw(fits.TransactionValues, transactionFactor!, random));
                spendModel = value is null ? null : fits.Spend!.WithParameters(Draw(fits.SpendValues!, spendFactor!, random));
            }
            else
            {
                (model, spendModel, bool converged) = Refit(fits, value, population, random);
                if (!converged)
                {
                    Interlocked.Increment(ref nonConverged);
                }
            }

            (purchases[d], alive[d]) = (new double[n], new double[n]);
            model.Predict(horizon, customers, purchases[d], alive[d]);
            if (value is not null)
            {
                (spend![d], values![d]) = (new double[n], new double[n]);
                spendModel!.ConditionalExpectedSpend(customers, spend[d]);
                value.With(model, spendModel).Evaluate(customers, values[d]);
            }
        });

        var (pointPurchases, pointAlive) = (new double[n], new double[n]);
        fits.Transactions.Predict(horizon, customers, pointPurchases, pointAlive);
        double[]? pointSpend = null, pointValue = null;
        if (value is not null)
        {
            (pointSpend, pointValue) = (new double[n], new double[n]);
            value.Spend.ConditionalExpectedSpend(customers, pointSpend);
            value.Evaluate(customers, pointValue);
        }

        return new BootstrapDraws(
            new DrawnQuantity(purchases, pointPurchases),
            new DrawnQuantity(alive, pointAlive),
            spend is null ? null : new DrawnQuantity(spend, pointSpend!),
            values is null ? null : new DrawnQuantity(values, pointValue!),
            nonConverged);
    }

    /// <summary>exp(ln θ̂ + L z), z standard normal by Box–Muller, kept inside the models' parameter domain.</summary>
    private static double[] Draw(double[] estimates, double[,] factor, Random random)
    {
        int p = estimates.Length;
        var normal = new double[p];
        for (int i = 0; i < p; i++)
        {
            double u = 1 - random.NextDouble(), v = random.NextDouble();
            normal[i] = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
        }

        var drawn = new double[p];
        for (int i = 0; i < p; i++)
        {
            double shift = 0;
            for (int k = 0; k <= i; k++)
            {
                shift += factor[i, k] * normal[k];
            }

            drawn[i] = Math.Clamp(estimates[i] * Math.Exp(shift), ModelParameter.Min, ModelParameter.Max);
        }

        return drawn;
    }

    /// <summary>Refits the models to a resample of the customers (counts as weights), starting from the estimates.</summary>
    private static (RepeatPurchaseModel Model, GammaGammaModel? Spend, bool Converged) Refit(FittedParameters fits, ProbabilisticLifetimeValue? value, Population population, Random random)
    {
        int n = population.Count;
        var counts = new int[n];
        for (int k = 0; k < n; k++)
        {
            counts[random.Next(n)]++;
        }

        var (frequency, recency, age, weights) = (new List<int>(), new List<double>(), new List<double>(), new List<double>());
        var (spendFrequency, meanSpend, spendWeights) = (new List<int>(), new List<double>(), new List<double>());
        for (int i = 0; i < n; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            frequency.Add(population.Frequency[i]);
            recency.Add(population.Recency[i]);
            age.Add(population.Age[i]);
            weights.Add(counts[i]);
            if (population.Frequency[i] > 0)
            {
                spendFrequency.Add(population.Frequency[i]);
                meanSpend.Add(population.MeanSpend[i]);
                spendWeights.Add(counts[i]);
            }
        }

        var transactions = fits.Transactions;
        var data = RepeatPurchaseData.FromColumns(frequency, recency, age, transactions.TimeUnit, weights);
        var model = transactions.FitTo(data, new FitOptions { InitialParameters = fits.TransactionValues });
        bool converged = model.FitResult!.Convergence.Converged;
        GammaGammaModel? spend = null;
        if (value is not null)
        {
            var spendData = SpendData.FromColumns(spendFrequency, meanSpend, spendWeights, value.Spend.NonPositiveSpend);
            spend = GammaGammaModel.Fit(spendData, new FitOptions { InitialParameters = fits.SpendValues });
            converged &= spend.FitResult!.Convergence.Converged;
        }

        return (model, spend, converged);
    }
}
