namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>The models of one bootstrap draw: drawn from the fit's normal approximation (parametric) or refitted to a
/// resample of the customers (nonparametric); draw d uses its own generator seeded from (seed, d), so a run does not
/// depend on the number of cores or the order the draws run in.</summary>
internal sealed class ModelSampler
{
    /// <summary>The public parameter that carries the lifetime value, for refusals.</summary>
    private readonly string _valueParameter;
    private readonly FittedParameters _fits;
    private readonly ProbabilisticLifetimeValue? _value;
    private readonly Population _population;
    private readonly double[,]? _transactionFactor;
    private readonly double[,]? _spendFactor;

    public ModelSampler(FittedParameters fits, ProbabilisticLifetimeValue? value, Population population, IntervalMethod method)
    {
        System.Diagnostics.Debug.Assert(method != IntervalMethod.DeltaMethod, "The delta method draws no models.");
        (_fits, _value, _population, _valueParameter) = (fits, value, population, "lifetimeValue");
        if (method == IntervalMethod.ParametricBootstrap)
        {
            fits.RequireCovariance();
            _transactionFactor = FittedParameters.Cholesky(fits.TransactionCovariance!);
            _spendFactor = value is null ? null : FittedParameters.Cholesky(fits.SpendCovariance!);
        }
        else if (fits.Transactions.FitResult is null || (value is not null && value.Spend.FitResult is null))
        {
            throw new ArgumentException("The nonparametric bootstrap refits the models: give models fitted by this library.", value is null ? "transactions" : "lifetimeValue");
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
        return (model, _value is null ? null : DrawSpend(random), true);
    }

    /// <summary>A draw of the spend model with q &gt; 1, where its expected spend pγ/(q − 1) is finite: a draw with q ≤ 1 (possible
    /// when q̂ is near 1) is drawn again from the same generator, so the draws follow the fit's distribution truncated to
    /// the models that have a mean.</summary>
    private GammaGammaModel DrawSpend(Random random)
    {
        const int MostAttempts = 1000;
        for (int attempt = 0; attempt < MostAttempts; attempt++)
        {
            var drawn = Draw(_fits.SpendValues!, _spendFactor!, random);
            if (drawn[1] > 1)
            {
                return _fits.Spend!.WithParameters(drawn);
            }
        }

        throw new ArgumentException($"The spend fit's uncertainty puts q ≤ 1 (no finite mean spend) in nearly every draw (q = {_fits.SpendValues![1]:G4}); use the delta method or refit on more data.", _valueParameter);
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
        var model = transactions.FitTo(data, new FitOptions { InitialParameters = fits.TransactionValues, Penalty = transactions.FitResult!.Penalty });
        bool converged = model.FitResult!.Convergence.Converged;
        GammaGammaModel? spend = null;
        if (value is not null)
        {
            var spendData = SpendData.FromColumns(spendFrequency, meanSpend, spendWeights, value.Spend.NonPositiveSpend);
            spend = GammaGammaModel.Fit(spendData, new FitOptions { InitialParameters = fits.SpendValues, Penalty = value.Spend.FitResult!.Penalty });
            converged &= spend.FitResult!.Convergence.Converged;
        }

        return (model, spend, converged);
    }
}
