using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>The columns of a population that a holdout comparison reads: calibration history and holdout outcome.</summary>
internal sealed class HoldoutColumns
{
    private HoldoutColumns(int[] frequency, double[] recency, double[] age, int[] purchases, double[] revenue)
    {
        Frequency = frequency;
        Recency = recency;
        Age = age;
        Purchases = purchases;
        Revenue = revenue;
    }

    /// <summary>x.</summary>
    public int[] Frequency { get; }

    /// <summary>t<sub>x</sub>.</summary>
    public double[] Recency { get; }

    /// <summary>T.</summary>
    public double[] Age { get; }

    /// <summary>Holdout purchases.</summary>
    public int[] Purchases { get; }

    /// <summary>Holdout revenue.</summary>
    public double[] Revenue { get; }

    /// <summary>Reads the columns of <paramref name="customers"/>.</summary>
    public static HoldoutColumns Of(CustomerSummaryCollection customers)
    {
        int n = customers.Count;
        var recency = new double[n];
        var age = new double[n];
        var revenue = new double[n];
        var scratch = new double[n];
        customers.CopyColumn(SummaryColumn.Recency, 0, recency);
        customers.CopyColumn(SummaryColumn.Age, 0, age);
        customers.CopyColumn(SummaryColumn.HoldoutRevenue, 0, revenue);
        customers.CopyColumn(SummaryColumn.Frequency, 0, scratch);
        var frequency = Array.ConvertAll(scratch, v => (int)v);
        customers.CopyColumn(SummaryColumn.HoldoutPurchaseCount, 0, scratch);
        var purchases = Array.ConvertAll(scratch, v => (int)v);
        return new HoldoutColumns(frequency, recency, age, purchases, revenue);
    }
}
