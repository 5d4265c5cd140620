namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>The estimates of the transaction (and spend) model and their covariance on the log scale,
/// Σ<sub>ln</sub>[i, j] = Σ[i, j] / (θ<sub>i</sub> θ<sub>j</sub>).</summary>
internal sealed class FittedParameters
{
    public FittedParameters(RepeatPurchaseModel transactions, GammaGammaModel? spend)
    {
        Transactions = transactions;
        Spend = spend;
        TransactionValues = transactions.ParameterValues;
        TransactionCovariance = LogCovariance(transactions.FitResult, TransactionValues);
        SpendValues = spend?.ParameterValues;
        SpendCovariance = spend is null ? null : LogCovariance(spend.FitResult, SpendValues!);
    }

    public RepeatPurchaseModel Transactions { get; }

    public GammaGammaModel? Spend { get; }

    public double[] TransactionValues { get; }

    /// <summary>Σ<sub>ln</sub> of the transaction model; <see langword="null"/> when its fit has no covariance.</summary>
    public double[,]? TransactionCovariance { get; }

    public double[]? SpendValues { get; }

    public double[,]? SpendCovariance { get; }

    /// <summary>Throws unless both covariances are there (the delta method and the parametric bootstrap need them).</summary>
    public void RequireCovariance()
    {
        if (TransactionCovariance is null)
        {
            throw new ArgumentException(Missing(Transactions.FitResult, Transactions.Name), Spend is null ? "transactions" : "lifetimeValue");
        }

        if (Spend is not null && SpendCovariance is null)
        {
            throw new ArgumentException(Missing(Spend.FitResult, "Gamma-Gamma"), "lifetimeValue");
        }
    }

    /// <summary>The lower-triangular Cholesky factor of a covariance matrix.</summary>
    public static double[,] Cholesky(double[,] covariance)
    {
        int p = covariance.GetLength(0);
        var l = new double[p, p];
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = covariance[i, j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                l[i, j] = i == j ? Math.Sqrt(Math.Max(sum, 0)) : (l[j, j] > 0 ? sum / l[j, j] : 0);
            }
        }

        return l;
    }

    /// <summary>g′ Σ g, Σ given row by row (<see cref="Flatten"/>).</summary>
    public static double QuadraticForm(ReadOnlySpan<double> covariance, ReadOnlySpan<double> gradient)
    {
        int p = gradient.Length;
        double sum = 0;
        for (int i = 0; i < p; i++)
        {
            var row = covariance.Slice(i * p, p);
            double product = 0;
            for (int j = 0; j < p; j++)
            {
                product += row[j] * gradient[j];
            }

            sum += gradient[i] * product;
        }

        return Math.Max(sum, 0);
    }

    /// <summary>A covariance matrix row by row.</summary>
    public static double[] Flatten(double[,] covariance)
    {
        var flat = new double[covariance.Length];
        Buffer.BlockCopy(covariance, 0, flat, 0, covariance.Length * sizeof(double));
        return flat;
    }

    private static double[,]? LogCovariance(ModelFit? fit, double[] values)
    {
        if (fit is not { HasCovariance: true })
        {
            return null;
        }

        int p = values.Length;
        var covariance = new double[p, p];
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                covariance[i, j] = fit.Covariance(i, j) / (values[i] * values[j]);
            }
        }

        return covariance;
    }

    private static string Missing(ModelFit? fit, string model) => fit is null
        ? $"The {model} model was given parameters, not fitted: intervals need the covariance of a fit (or, for the nonparametric bootstrap, a model fitted by this library to refit)."
        : $"The {model} fit has no covariance ({fit.Convergence.Reason}); intervals from the fit's covariance need a converged fit.";
}
