using System.Globalization;

namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>How far per-customer forecasts are from what happened: the error measures of a holdout comparison.</summary>
/// <param name="Customers">The customers compared.</param>
/// <param name="MeanAbsoluteError">The mean of |predicted − actual|.</param>
/// <param name="RootMeanSquaredError">The square root of the mean of (predicted − actual)².</param>
/// <param name="Bias">The mean of predicted − actual: positive when the forecasts are too high on average.</param>
/// <param name="Correlation">Pearson's correlation of predicted and actual across customers; <see langword="null"/> when
/// either does not vary.</param>
/// <param name="TotalPredicted">The sum of the forecasts: the aggregate forecast of the base.</param>
/// <param name="TotalActual">The sum of the actual values.</param>
/// <remarks>An immutable value, safe to share between threads. Figures are doubles: statistics, not ledger entries.</remarks>
public readonly record struct ForecastErrors(int Customers, double MeanAbsoluteError, double RootMeanSquaredError, double Bias, double? Correlation, double TotalPredicted, double TotalActual)
{
    /// <summary>The errors of forecasts against actual values (equal lengths, finite values).</summary>
    internal static ForecastErrors Of(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        int n = predicted.Length;
        if (n == 0)
        {
            return new ForecastErrors(0, 0, 0, 0, null, 0, 0);
        }

        double sumP = 0, sumA = 0, absolute = 0, squared = 0;
        for (int i = 0; i < n; i++)
        {
            double d = predicted[i] - actual[i];
            sumP += predicted[i];
            sumA += actual[i];
            absolute += Math.Abs(d);
            squared += d * d;
        }

        double meanP = sumP / n, meanA = sumA / n, covariance = 0, varianceP = 0, varianceA = 0;
        for (int i = 0; i < n; i++)
        {
            double p = predicted[i] - meanP, a = actual[i] - meanA;
            covariance += p * a;
            varianceP += p * p;
            varianceA += a * a;
        }

        double? correlation = varianceP > 0 && varianceA > 0 ? Math.Clamp(covariance / Math.Sqrt(varianceP * varianceA), -1, 1) : null;
        return new ForecastErrors(n, absolute / n, Math.Sqrt(squared / n), (sumP - sumA) / n, correlation, sumP, sumA);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"MAE {MeanAbsoluteError:G4}, RMSE {RootMeanSquaredError:G4}, bias {Bias:+0.####;-0.####;0}, r {(Correlation is { } r ? r.ToString("F3", CultureInfo.InvariantCulture) : "n/a")}; total {TotalPredicted:F1} predicted, {TotalActual:F1} actual ({Customers} customers)");
}
