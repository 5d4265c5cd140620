namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>The models of one bootstrap draw: drawn from the fit's normal approximation (parametric) or refitted to a
/// resample of the customers (nonparametric); draw d uses its own generator seeded from (seed, d), so a run does not
/// depend on the number of cores or the order the draws run in.</summary>
internal sealed class ModelSampler
{
    private readonly FittedParameters _fits;
    private readonly ProbabilisticLifetimeValue? _value;
    private readonly Population _population;
    private readonly double[,]? _transactionFactor;
    private readonly double[,]? _spendFactor;

    public ModelSampler(FittedParameters fits, ProbabilisticLifetimeValue? value, Population population, IntervalMethod method)
    {
        (_fits, _value, _population) = (fits, value, population);
        if (method == IntervalMethod.ParametricBootstrap)
        {
            fits.RequireCovariance();
            _transactionFactor = FittedParameters.Cholesky(fits.TransactionCovariance!);
            _spendFactor = value is null ? null : FittedParameters.Cholesky(fits.SpendCovariance!);
        }
        else if (method != IntervalMethod.NonparametricBootstrap)
        {
            throw new ArgumentException($"{method} does not draw models; choose a bootstrap.", nameof(method));
        }
        else if (fits.Transactions.FitResult is null || (value is not null && value.Spend.FitResult is null))
        {
            throw new ArgumentException("The nonparametric bootstrap refits the models: give models fitted by this library.", value is null ? "transactions" : "lifetimeValue");
        }
    }

    /// <summary>Runs <paramref name="body"/> for every draw on every core; an exception of a draw is rethrown as it is,
    /// not wrapped in an <see cref="AggregateException"/>.</summary>
    public static void ForDraws(int draws, Action<int> body)
    {
        try
        {
            Parallel.For(0, draws, body);
        }
        catch (AggregateException failed)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed.Flatten().InnerExceptions[0]);
        }
    }

    /// <summary>The models of draw <paramref name="draw"/>, and whether their refits converged (always for parametric draws).</summary>
    public (RepeatPurchaseModel Model, GammaGammaModel? Spend, bool Converged) Sample(int seed, int draw)
    {
        var random = new Random(unchecked((seed * 1_000_003) + draw));
        if (_transactionFactor is null)
        {
            return Refit(_fits, _value, _population, random);
        }

        var model = _fits.Transactions.WithParameters(Draw(_fits.TransactionValues, _transactionFactor, random));
        var spend = _value is null ? null : _fits.Spend!.WithParameters(Draw(_fits.SpendValues!, _spendFactor!, random));
        return (model, spend, true);
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
