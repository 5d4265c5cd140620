using System.Globalization;
using ValueSegmentation.Probabilistic.Likelihoods;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Covariates;

/// <summary>
/// Fits the probabilistic models with time-invariant covariates by maximum likelihood, with the analytic gradient,
/// standard errors of the effects and the likelihood-ratio test against the model without covariates. The purchase and
/// the dropout processes each take their own covariates through a log-linear link on their parameters:
/// <list type="bullet">
/// <item><description>BG/NBD and MBG/NBD: α_i = α·exp(−γ_purchase·z_i) (the purchase rate λ ~ gamma(r, α_i), so its mean
/// r/α_i is multiplied by exp(γ_purchase·z_i)); a_i = a·exp(γ_a·z_i) and b_i = b·exp(γ_b·z_i) on the dropout probability
/// p ~ beta(a_i, b_i), each with its own effects.</description></item>
/// <item><description>Pareto/NBD: α_i = α·exp(−γ_purchase·z_i) and β_i = β·exp(−γ_dropout·z_i) (the dropout rate
/// μ ~ gamma(s, β_i)): the form of Fader &amp; Hardie (2007), "Incorporating time-invariant covariates into the Pareto/NBD
/// and BG/NBD models", where a positive effect raises the mean rate.</description></item>
/// <item><description>Gamma-Gamma: γ_i = γ·exp(δ·z_i) on the scale of ν ~ gamma(q, γ_i), so the mean spend pγ_i/(q − 1)
/// is multiplied by exp(δ·z_i).</description></item>
/// <item><description>BG/BB: α_i, β_i of the purchase probability and γ_i, δ_i of the dropout probability, each the
/// baseline times exp(its own effects · z_i) (the link of the beta parameters above; CLVTools has no BG/BB).</description></item>
/// </list>
/// </summary>
/// <remarks>
/// <para>The data are grouped by covariate values and each group compressed to weighted rows, so categorical covariates
/// cost a few evaluations of the model's likelihood per step; a continuous covariate makes every customer a group of
/// their own. A covariate that takes one value for everyone is left out with a note, so covariates all 0 reproduce the
/// model's own fit exactly. Centre and scale continuous covariates (<see cref="CustomerCovariates.Standardized"/>): the
/// baseline is the customer at 0, and effects are searched within |γ| ≤ 50.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class CovariateModels
{
    /// <summary>Fits a transaction model (BG/NBD, MBG/NBD or Pareto/NBD) with covariates.</summary>
    /// <param name="model">The model.</param>
    /// <param name="customers">The customers' summaries, all in one time unit.</param>
    /// <param name="covariates">The covariates; every customer must have values.</param>
    /// <param name="purchaseCovariates">The covariates acting on the purchase rate; <see langword="null"/> for all, empty
    /// for none.</param>
    /// <param name="dropoutCovariates">The covariates acting on dropout; <see langword="null"/> for all, empty for none.</param>
    /// <param name="options">Fit options; starting values, when given, are the model's four parameters then the effects
    /// in the order of <see cref="ModelFit.ParameterNames"/>; the default start is the model's own with every effect 0.</param>
    /// <returns>The fitted model; check <see cref="CovariateModel{TModel}.FitResult"/>'s convergence.</returns>
    /// <exception cref="ArgumentNullException">An argument or a customer is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="model"/> is not defined.</exception>
    /// <exception cref="ArgumentException">No customers, mixed time units, an invalid history, a covariate name that is not
    /// a column, or a wrong number of starting values.</exception>
    /// <exception cref="KeyNotFoundException">A customer has no covariates.</exception>
    public static CovariateModel<RepeatPurchaseModel> FitTransactions(
        TransactionModelKind model,
        IEnumerable<CustomerSummary> customers,
        CustomerCovariates covariates,
        IReadOnlyList<string>? purchaseCovariates = null,
        IReadOnlyList<string>? dropoutCovariates = null,
        FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(covariates);
        if (!Enum.IsDefined(model))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model, "Not a defined transaction model.");
        }

        var list = customers as IReadOnlyList<CustomerSummary> ?? [.. customers];
        var all = RepeatPurchaseData.FromSummaries(list);
        int[] purchase = Columns(covariates, purchaseCovariates, nameof(purchaseCovariates));
        int[] dropout = Columns(covariates, dropoutCovariates, nameof(dropoutCovariates));
        var (members, z) = Group(list.Count, i => covariates[list[i].CustomerId], [.. purchase.Union(dropout)], nameof(customers));
        var groups = members.Select(group => RepeatPurchaseData.FromSummaries(group.Select(i => list[i]).ToArray())).ToArray();
        var unit = all.TimeUnit;
        string name;
        CovariateFitResult result;
        Func<double[], ModelFit?, RepeatPurchaseModel> create;
        if (model == TransactionModelKind.ParetoNbd)
        {
            name = "Pareto/NBD";
            result = CovariateFitting.Fit(name, ParetoNbdModel.Names, covariates.Names, groups, z, [new(1, -1, purchase), new(3, -1, dropout)], options, () => ParetoNbdModel.Start(all), ParetoNbdLikelihood.LogLikelihood, o => ParetoNbdModel.Fit(all, o).FitResult!, all.CustomerCount, RowCount(groups));
            create = (p, fit) => new ParetoNbdModel(new ParetoNbdParameters(p[0], p[1], p[2], p[3]), unit, fit);
        }
        else
        {
            int shift = model == TransactionModelKind.MbgNbd ? 1 : 0;
            name = shift == 1 ? "MBG/NBD" : "BG/NBD";
            result = CovariateFitting.Fit(name, BgNbdParameters.Names, covariates.Names, groups, z, [new(1, -1, purchase), new(2, 1, dropout), new(3, 1, dropout)], options, () => BgNbdParameters.Start(all), (data, theta, gradient) => BetaGeometricNbd.LogLikelihood(data, theta, gradient, shift), o => BgNbdParameters.Fit(all, o, shift, name), all.CustomerCount, RowCount(groups));
            create = shift == 1
                ? (p, fit) => new MbgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3]), unit, fit)
                : (p, fit) => new BgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3]), unit, fit);
        }

        return new CovariateModel<RepeatPurchaseModel>(name, covariates.Names, 4, result, create);
    }

    /// <summary>Fits the Gamma-Gamma spend model with covariates on its scale γ (the mean spend is multiplied by
    /// exp(δ·z)), on the repeat customers.</summary>
    /// <param name="customers">The customers' summaries (one-time buyers are not used).</param>
    /// <param name="covariates">The covariates, every one acting on spend (<see cref="CustomerCovariates.Select"/> picks
    /// some); every repeat customer must have values.</param>
    /// <param name="nonPositive">What to do with a repeat customer whose mean spend is not positive.</param>
    /// <param name="options">Fit options; starting values are p, q, γ, then the effects.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException">An argument or a customer is null.</exception>
    /// <exception cref="ArgumentException">No repeat customer, a mean spend that is not positive under
    /// <see cref="NonPositiveSpend.Reject"/>, or a wrong number of starting values.</exception>
    /// <exception cref="KeyNotFoundException">A repeat customer has no covariates.</exception>
    public static CovariateModel<GammaGammaModel> FitSpend(IEnumerable<CustomerSummary> customers, CustomerCovariates covariates, NonPositiveSpend nonPositive = NonPositiveSpend.Reject, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(covariates);
        var list = customers as IReadOnlyList<CustomerSummary> ?? [.. customers];
        var all = SpendData.FromSummaries(list, nonPositive);
        var used = list.Where(customer => customer.Frequency > 0 && customer.MonetaryValue > 0).ToList();
        int[] columns = [.. Enumerable.Range(0, covariates.Names.Count)];
        var (members, z) = Group(used.Count, i => covariates[used[i].CustomerId], columns, nameof(customers));
        var groups = members.Select(group => SpendData.FromSummaries(group.Select(i => used[i]), nonPositive)).ToArray();
        var result = CovariateFitting.Fit("Gamma-Gamma", GammaGammaModel.Names, covariates.Names, groups, z, [new(2, 1, columns)], options, () => GammaGammaModel.Start(all), GammaGammaLikelihood.LogLikelihood, o => GammaGammaModel.Fit(all, o).FitResult!, all.CustomerCount, groups.Sum(group => group.RowCount));
        return new CovariateModel<GammaGammaModel>("Gamma-Gamma", covariates.Names, 3, result, (p, fit) => new GammaGammaModel(new GammaGammaParameters(p[0], p[1], p[2]), all.NonPositiveSpend, fit));
    }

    /// <summary>Fits the BG/BB model of discrete-time repeat purchases with covariates: α and β of the purchase
    /// probability on the purchase covariates, γ and δ of the dropout probability on the dropout covariates, each
    /// with its own effects. BG/BB data are histories of opportunities, not customer summaries, so the rows (one per
    /// customer, or per pattern with its weight) come with their covariates side by side.</summary>
    /// <param name="rows">The rows: frequency, recency, opportunities and weight (customers with that history).</param>
    /// <param name="covariates">Each row's covariate values, one per name.</param>
    /// <param name="covariateNames">The covariates' names.</param>
    /// <param name="purchaseCovariates">The covariates acting on purchase; <see langword="null"/> for all, empty for none.</param>
    /// <param name="dropoutCovariates">The covariates acting on dropout; <see langword="null"/> for all, empty for none.</param>
    /// <param name="options">Fit options; starting values are α, β, γ, δ, then the effects.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No rows, an invalid row, rows and covariates of different lengths, a row
    /// with another number of values than names or a value that is not finite, or a wrong number of starting values.</exception>
    public static CovariateModel<BgBbModel> FitBgBb(
        IReadOnlyList<DiscreteRepeatRow> rows,
        IReadOnlyList<IReadOnlyList<double>> covariates,
        IReadOnlyList<string> covariateNames,
        IReadOnlyList<string>? purchaseCovariates = null,
        IReadOnlyList<string>? dropoutCovariates = null,
        FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(covariateNames);
        if (covariates.Count != rows.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"There are {rows.Count} rows and {covariates.Count} covariate rows; give one per row."), nameof(covariates));
        }

        // The covariates' checks (names, counts, finite values) are those of customers' covariates, rows standing for customers.
        var table = new CustomerCovariates(covariateNames, covariates.Select((values, i) => new KeyValuePair<string, IReadOnlyList<double>>(string.Create(CultureInfo.InvariantCulture, $"row #{i}"), values)));
        var all = Discrete(rows, Enumerable.Range(0, rows.Count));
        int[] purchase = Columns(table, purchaseCovariates, nameof(purchaseCovariates));
        int[] dropout = Columns(table, dropoutCovariates, nameof(dropoutCovariates));
        var (members, z) = Group(rows.Count, i => covariates[i], [.. purchase.Union(dropout)], nameof(rows));
        var groups = members.Select(group => Discrete(rows, group)).ToArray();
        var result = CovariateFitting.Fit("BG/BB", BgBbModel.Names, table.Names, groups, z, [new(0, 1, purchase), new(1, 1, purchase), new(2, 1, dropout), new(3, 1, dropout)], options, () => BgBbModel.Start, BgBbLikelihood.LogLikelihood, o => BgBbModel.Fit(all, o).FitResult!, all.CustomerCount, groups.Sum(group => group.RowCount));
        return new CovariateModel<BgBbModel>("BG/BB", table.Names, 4, result, (p, fit) => new BgBbModel(new BgBbParameters(p[0], p[1], p[2], p[3]), fit));
    }

    /// <summary>A fitted spend model as a model with no covariates: every customer's model is the same.</summary>
    internal static CovariateModel<GammaGammaModel> WithoutCovariates(GammaGammaModel model) =>
        new("Gamma-Gamma", [], 3, new CovariateFitResult(model.FitResult!, null, [], [], null, []), (p, fit) => new GammaGammaModel(new GammaGammaParameters(p[0], p[1], p[2]), model.NonPositiveSpend, fit));

    private static DiscreteRepeatData Discrete(IReadOnlyList<DiscreteRepeatRow> rows, IEnumerable<int> members)
    {
        var chosen = members.Select(i => rows[i]).ToList();
        return DiscreteRepeatData.FromColumns([.. chosen.Select(row => row.Frequency)], [.. chosen.Select(row => row.Recency)], [.. chosen.Select(row => row.Opportunities)], [.. chosen.Select(row => row.Weight)]);
    }

    private static int RowCount(RepeatPurchaseData[] groups) => groups.Sum(group => group.RowCount);

    /// <summary>The column indexes of the names given, or of every covariate when none are given.</summary>
    private static int[] Columns(CustomerCovariates covariates, IReadOnlyList<string>? names, string parameterName)
    {
        if (names is null)
        {
            return [.. Enumerable.Range(0, covariates.Names.Count)];
        }

        var columns = new List<int>();
        foreach (string name in names)
        {
            int index = covariates.IndexOf(name);
            if (index < 0)
            {
                throw new ArgumentException($"'{name}' is not a covariate; the covariates are {string.Join(", ", covariates.Names)}.", parameterName);
            }

            if (!columns.Contains(index))
            {
                columns.Add(index);
            }
        }

        return [.. columns];
    }

    /// <summary>The items grouped by their values in <paramref name="columns"/> (in order of first appearance), and each
    /// group's covariate values (all columns, those of its first member).</summary>
    private static (List<List<int>> Members, double[][] Covariates) Group(int count, Func<int, IReadOnlyList<double>> covariatesOf, int[] columns, string parameterName)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = new List<List<int>>();
        var values = new List<double[]>();
        for (int i = 0; i < count; i++)
        {
            var z = covariatesOf(i);
            string k = CovariateFitting.Key(z, columns);
            if (!index.TryGetValue(k, out int group))
            {
                group = members.Count;
                index.Add(k, group);
                members.Add([]);
                values.Add([.. z]);
            }

            members[group].Add(i);
        }

        if (members.Count == 0)
        {
            throw new ArgumentException("There are no customers; a model needs data.", parameterName);
        }

        return (members, [.. values]);
    }
}
