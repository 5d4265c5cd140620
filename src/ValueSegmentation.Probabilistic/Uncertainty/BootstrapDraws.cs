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
        var sampler = new ModelSampler(fits, value, population, options.Method);
        int n = population.Count, draws = options.Draws;
        var customers = population.Customers;
        var (purchases, alive) = (new double[draws][], new double[draws][]);
        var spend = value is null ? null : new double[draws][];
        var values = value is null ? null : new double[draws][];
        int nonConverged = 0;
        ParallelChunks.Run(draws, d =>
        {
            var (model, spendModel, converged) = sampler.Sample(options.Seed, d);
            if (!converged)
            {
                Interlocked.Increment(ref nonConverged);
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
}
