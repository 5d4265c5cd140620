using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>The columns of the customers that the intervals read.</summary>
internal sealed class Population
{
    private Population(CustomerSummaryCollection customers, int[] frequency, double[] recency, double[] age, double[] meanSpend)
    {
        Customers = customers;
        Frequency = frequency;
        Recency = recency;
        Age = age;
        MeanSpend = meanSpend;
    }

    public CustomerSummaryCollection Customers { get; }

    public int Count => Frequency.Length;

    public int[] Frequency { get; }

    public double[] Recency { get; }

    public double[] Age { get; }

    public double[] MeanSpend { get; }

    public static Population Of(CustomerSummaryCollection customers) => new(
        customers,
        Array.ConvertAll(Column(customers, SummaryColumn.Frequency), f => (int)f),
        Column(customers, SummaryColumn.Recency),
        Column(customers, SummaryColumn.Age),
        Column(customers, SummaryColumn.MonetaryValue));

    /// <summary>One whole column of <paramref name="customers"/>.</summary>
    public static double[] Column(CustomerSummaryCollection customers, SummaryColumn column)
    {
        var values = new double[customers.Count];
        customers.CopyColumn(column, 0, values);
        return values;
    }
}
