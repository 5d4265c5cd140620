using ValueSegmentation.Probabilistic.Uncertainty;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>The columns of a population that a holdout comparison reads: the calibration history (shared with the
/// intervals' <see cref="Population"/>) and the holdout outcome.</summary>
internal sealed class HoldoutColumns
{
    private HoldoutColumns(Population history, int[] purchases, double[] revenue)
    {
        History = history;
        Purchases = purchases;
        Revenue = revenue;
    }

    /// <summary>x, t<sub>x</sub>, T (and mean spend) per customer.</summary>
    public Population History { get; }

    /// <summary>x.</summary>
    public int[] Frequency => History.Frequency;

    /// <summary>t<sub>x</sub>.</summary>
    public double[] Recency => History.Recency;

    /// <summary>T.</summary>
    public double[] Age => History.Age;

    /// <summary>Holdout purchases.</summary>
    public int[] Purchases { get; }

    /// <summary>Holdout revenue.</summary>
    public double[] Revenue { get; }

    /// <summary>Reads the columns of <paramref name="customers"/>.</summary>
    public static HoldoutColumns Of(CustomerSummaryCollection customers) => new(
        Population.Of(customers),
        Array.ConvertAll(Population.Column(customers, SummaryColumn.HoldoutPurchaseCount), v => (int)v),
        Population.Column(customers, SummaryColumn.HoldoutRevenue));
}
