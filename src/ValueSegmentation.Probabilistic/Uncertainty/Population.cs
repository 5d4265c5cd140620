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

    public static Population Of(CustomerSummaryCollection customers)
    {
        int n = customers.Count;
        var recency = new double[n];
        var age = new double[n];
        var spend = new double[n];
        customers.CopyColumn(SummaryColumn.Recency, 0, recency);
        customers.CopyColumn(SummaryColumn.Age, 0, age);
        customers.CopyColumn(SummaryColumn.MonetaryValue, 0, spend);
        var frequencies = new double[n];
        customers.CopyColumn(SummaryColumn.Frequency, 0, frequencies);
        return new Population(customers, Array.ConvertAll(frequencies, f => (int)f), recency, age, spend);
    }
}
