using System.Buffers;
using System.Runtime.CompilerServices;
using ValueSegmentation.Probabilistic.Numerics;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// A model of repeat purchasing in continuous time with unobserved drop-out (BG/NBD, MBG/NBD, Pareto/NBD): the
/// predictions they share, with all times in one explicit <see cref="TimeUnit"/>.
/// </summary>
/// <remarks>
/// <para>In each of these models the expected purchases of a customer in the next t factor into
/// E[Y(t) | x, t<sub>x</sub>, T] = P(alive | x, t<sub>x</sub>, T) × E[Y(t) | alive, x, T], where the second factor depends
/// on the history only through x and T. The batch methods and <see cref="ProbabilisticLifetimeValue"/> use this: the
/// costly factor is computed once per distinct (x, T), which customers acquired on the same day share, and large
/// batches run on every core.</para>
/// <para>Only this library derives from it. Implementations are immutable and thread-safe and return finite numbers for
/// valid input.</para>
/// </remarks>
public abstract class RepeatPurchaseModel
{
    /// <summary>The fewest customers per core for which a batch runs in parallel.</summary>
    private const int ParallelChunk = 1 << 13;

    /// <summary>Initialises the shared state.</summary>
    /// <param name="timeUnit">The unit of the rate parameters and of every time the model takes.</param>
    /// <param name="fitResult">The fit that produced the parameters, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is not defined.</exception>
    private protected RepeatPurchaseModel(TimeUnit timeUnit, ModelFit? fitResult)
    {
        TimeUnit = Guard.Defined(timeUnit);
        FitResult = fitResult;
    }

    /// <summary>The unit of the rate parameters and of every time the model takes and returns.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>The fit that produced the parameters; <see langword="null"/> when they were given.</summary>
    public ModelFit? FitResult { get; }

    /// <summary>The model's name in the literature: "BG/NBD", "MBG/NBD", "Pareto/NBD".</summary>
    internal abstract string Name { get; }

    /// <summary>The parameters in the order of the fit's <see cref="ModelFit.ParameterNames"/>.</summary>
    internal abstract double[] ParameterValues { get; }

    /// <summary>Fits a model of the same kind to <paramref name="data"/>.</summary>
    internal abstract RepeatPurchaseModel FitTo(RepeatPurchaseData data, FitOptions? options);

    /// <summary>The same model with other parameters (in <see cref="ParameterValues"/> order) and no fit.</summary>
    internal abstract RepeatPurchaseModel WithParameters(ReadOnlySpan<double> values);

    /// <summary>P(alive | x, t<sub>x</sub>, T) and its gradient with respect to the logarithms of the parameters, written
    /// into <paramref name="gradient"/>. The default differentiates numerically through <paramref name="perturbed"/>: the
    /// model at each parameter × e<sup>±h</sup> (2 per parameter, + then −), h = <see cref="LogStep"/>.</summary>
    internal virtual double AliveWithGradient(int frequency, double recency, double age, RepeatPurchaseModel[] perturbed, Span<double> gradient)
    {
        for (int j = 0; j < gradient.Length; j++)
        {
            gradient[j] = (perturbed[2 * j].AliveCore(frequency, recency, age) - perturbed[(2 * j) + 1].AliveCore(frequency, recency, age)) / (2 * LogStep);
        }

        return AliveCore(frequency, recency, age);
    }

    /// <summary>The step on the log scale of numerical derivatives with respect to the parameters.</summary>
    internal const double LogStep = 1e-4;

    /// <summary>The log-likelihood of data under the model, summed over customers with their weights.</summary>
    /// <param name="data">The histories, in <see cref="TimeUnit"/>.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data is in another time unit.</exception>
    public abstract double LogLikelihood(RepeatPurchaseData data);

    /// <summary>P(X(t) = x): the probability of exactly <paramref name="purchases"/> purchases in (0, t] for a customer
    /// just acquired.</summary>
    /// <param name="purchases">x, not negative.</param>
    /// <param name="t">The length of the period, in <see cref="TimeUnit"/>; not negative.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public abstract double ProbabilityOfPurchases(int purchases, double t);

    /// <summary>E[X(t)]: the expected number of purchases in (0, t] of a customer just acquired.</summary>
    /// <param name="t">The length of the period, in <see cref="TimeUnit"/>; not negative.</param>
    /// <returns>The expected number of purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative, not finite or above 10⁹ time units, or (BG/NBD, MBG/NBD,
    /// for extreme parameters) the value cannot be computed to its documented accuracy there.</exception>
    public abstract double ExpectedPurchases(double t);

    /// <summary>E[Y(t) | x, t<sub>x</sub>, T]: the expected number of purchases in (T, T + t] of a customer with the
    /// given history.</summary>
    /// <param name="t">The horizon, in <see cref="TimeUnit"/>; not negative.</param>
    /// <param name="frequency">x, the repeat frequency.</param>
    /// <param name="recency">t<sub>x</sub>, in <see cref="TimeUnit"/>.</param>
    /// <param name="age">T, in <see cref="TimeUnit"/>.</param>
    /// <returns>The expected number of purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative, not finite or above 10⁹ time units, or (BG/NBD, MBG/NBD,
    /// for extreme parameters) the value cannot be computed to its documented accuracy there.</exception>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public double ConditionalExpectedPurchases(double t, int frequency, double recency, double age)
    {
        CheckHorizon(t);
        RepeatPurchaseData.Validate(frequency, recency, age, parameterName: null, string.Empty);
        return t == 0 ? 0 : ExpectedPurchasesIfAlive(t, frequency, age) * AliveCore(frequency, recency, age);
    }

    /// <summary>P(alive | x, t<sub>x</sub>, T): the probability that a customer with the given history is still active at T.</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t<sub>x</sub>.</param>
    /// <param name="age">T.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public double ProbabilityAlive(int frequency, double recency, double age)
    {
        RepeatPurchaseData.Validate(frequency, recency, age, parameterName: null, string.Empty);
        return AliveCore(frequency, recency, age);
    }

    /// <summary>E[Y(t) | x, t<sub>x</sub>, T] for a customer summary, whose time unit must be the model's.</summary>
    /// <param name="t">The horizon, in <see cref="TimeUnit"/>.</param>
    /// <param name="customer">The customer.</param>
    /// <returns>The expected number of purchases in the next <paramref name="t"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is in another time unit.</exception>
    public double ConditionalExpectedPurchases(double t, CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        RequireUnit(customer.TimeUnit, nameof(customer));
        return ConditionalExpectedPurchases(t, customer.Frequency, customer.Recency, customer.Age);
    }

    /// <summary>P(alive) of a customer summary, whose time unit must be the model's.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The probability.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is in another time unit.</exception>
    public double ProbabilityAlive(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        RequireUnit(customer.TimeUnit, nameof(customer));
        return ProbabilityAlive(customer.Frequency, customer.Recency, customer.Age);
    }

    /// <summary>E[Y(t) | x, t<sub>x</sub>, T] for many customers, written into <paramref name="destination"/>: the factor
    /// that depends on (x, T) only is computed once per distinct (x, T), and large batches run on every core.</summary>
    /// <param name="t">The horizon, in <see cref="TimeUnit"/>; not negative.</param>
    /// <param name="customers">The customers, in the model's time unit.</param>
    /// <param name="destination">Where to write the expectations; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative, not finite or above 10⁹ time units.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short, or a summary is in another time unit.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    public void ConditionalExpectedPurchases(double t, ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
    {
        CheckHorizon(t);
        Guard.Destination(customers.Length, destination.Length);
        Summaries(IfAlive(t), customers, destination, [], nameof(customers));
    }

    /// <summary>P(alive) for many customers, written into <paramref name="destination"/>; large batches run on every core.</summary>
    /// <param name="customers">The customers, in the model's time unit.</param>
    /// <param name="destination">Where to write the probabilities; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short, or a summary is in another time unit.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    public void ProbabilityAlive(ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
    {
        Guard.Destination(customers.Length, destination.Length);
        Summaries(null, customers, [], destination, nameof(customers));
    }

    /// <summary>
    /// E[Y(t) | x, t<sub>x</sub>, T] and P(alive | x, t<sub>x</sub>, T) for many customers in one pass: P(alive) is computed
    /// once for both, the terms that depend on (x, T) only once per distinct (x, T), and large batches run on every core.
    /// Each value equals the one-customer method's to the last bit.
    /// </summary>
    /// <param name="t">The horizon of the expectation, in <see cref="TimeUnit"/>; not negative.</param>
    /// <param name="customers">The customers, in the model's time unit.</param>
    /// <param name="expectedPurchases">Where to write E[Y(t)], at least as long as <paramref name="customers"/>; empty
    /// when not wanted.</param>
    /// <param name="probabilityAlive">Where to write P(alive), at least as long as <paramref name="customers"/>; empty
    /// when not wanted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative, not finite or above 10⁹ time units.</exception>
    /// <exception cref="ArgumentException">A destination is neither empty nor long enough, or a summary is in another time unit.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    public void Predict(double t, ReadOnlySpan<CustomerSummary> customers, Span<double> expectedPurchases, Span<double> probabilityAlive)
    {
        CheckHorizon(t);
        CheckOptionalDestination(customers.Length, expectedPurchases.Length, nameof(expectedPurchases));
        CheckOptionalDestination(customers.Length, probabilityAlive.Length, nameof(probabilityAlive));
        Summaries(expectedPurchases.IsEmpty ? null : IfAlive(t), customers, expectedPurchases, probabilityAlive, nameof(customers));
    }

    /// <summary>
    /// E[Y(t) | x, t<sub>x</sub>, T] and P(alive | x, t<sub>x</sub>, T) for every customer of a population, as
    /// <see cref="Predict(double, ReadOnlySpan{CustomerSummary}, Span{double}, Span{double})"/> does for summaries: a
    /// collection kept as columns (<see cref="CustomerSummaryCollection.IsColumnar"/>) is read column by column, a block
    /// at a time, without a summary object per customer. Each value equals the one-customer method's to the last bit.
    /// </summary>
    /// <param name="t">The horizon of the expectation, in <see cref="TimeUnit"/>; not negative.</param>
    /// <param name="customers">The customers, in the model's time unit.</param>
    /// <param name="expectedPurchases">Where to write E[Y(t)], at least as long as <paramref name="customers"/>; empty
    /// when not wanted.</param>
    /// <param name="probabilityAlive">Where to write P(alive), at least as long as <paramref name="customers"/>; empty
    /// when not wanted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative, not finite or above 10⁹ time units.</exception>
    /// <exception cref="ArgumentException">A destination is neither empty nor long enough, or the customers are measured
    /// in another time unit.</exception>
    public void Predict(double t, CustomerSummaryCollection customers, Span<double> expectedPurchases, Span<double> probabilityAlive)
    {
        ArgumentNullException.ThrowIfNull(customers);
        CheckHorizon(t);
        CheckOptionalDestination(customers.Count, expectedPurchases.Length, nameof(expectedPurchases));
        CheckOptionalDestination(customers.Count, probabilityAlive.Length, nameof(probabilityAlive));
        Population(expectedPurchases.IsEmpty ? null : IfAlive(t), customers, expectedPurchases, probabilityAlive);
    }

    /// <summary>
    /// E[Y(t) | x, t<sub>x</sub>, T] and P(alive | x, t<sub>x</sub>, T) for many customers given as columns (one entry per
    /// customer), in one pass: P(alive) is computed once for both, the terms that depend on (x, T) only once per distinct
    /// (x, T), and large batches run on every core. Each value equals the one-customer method's to the last bit.
    /// </summary>
    /// <param name="t">The horizon of the expectation, in <see cref="TimeUnit"/>; not negative.</param>
    /// <param name="frequency">The repeat frequencies x.</param>
    /// <param name="recency">The recencies t<sub>x</sub>, in <see cref="TimeUnit"/>.</param>
    /// <param name="age">The ages T, in <see cref="TimeUnit"/>.</param>
    /// <param name="expectedPurchases">Where to write E[Y(t)], at least as long as the columns; empty when not wanted.</param>
    /// <param name="probabilityAlive">Where to write P(alive), at least as long as the columns; empty when not wanted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative, not finite or above 10⁹ time units.</exception>
    /// <exception cref="ArgumentException">The columns differ in length, a destination is neither empty nor long enough,
    /// or a history is invalid (the message gives its index and values; the exception names the column at fault).</exception>
    public void Predict(double t, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> expectedPurchases, Span<double> probabilityAlive)
    {
        CheckHorizon(t);
        int n = frequency.Length;
        CheckColumns(n, recency.Length, age.Length);

        CheckOptionalDestination(n, expectedPurchases.Length, nameof(expectedPurchases));
        CheckOptionalDestination(n, probabilityAlive.Length, nameof(probabilityAlive));
        Columns(expectedPurchases.IsEmpty ? null : IfAlive(t), frequency, recency, age, expectedPurchases, probabilityAlive);
    }

    /// <summary>P(alive) × f(x, T) for histories given as columns, f computed once per distinct (x, T) within each range of
    /// customers: the batch path of the lifetime value over compressed statistics.</summary>
    /// <exception cref="ArgumentException">The columns differ in length, the destination is too short, or a history is
    /// invalid.</exception>
    internal void PerHistory(Func<int, double, double> perAge, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination)
    {
        int n = frequency.Length;
        CheckColumns(n, recency.Length, age.Length);

        Guard.Destination(n, destination.Length);
        Columns(perAge, frequency, recency, age, destination, []);
    }

    /// <summary>The batch over columns: ranges of customers on every core, each with its own cache of (x, T) terms.</summary>
    private unsafe void Columns(Func<int, double, double>? perAge, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> values, Span<double> probabilityAlive)
    {
        bool wantAlive = !probabilityAlive.IsEmpty;
        fixed (int* xs = frequency)
        fixed (double* txs = recency, ages = age, expected = values, alive = probabilityAlive)
        {
            // The spans cannot cross into the parallel loop; their pinned addresses can, for the duration of the call.
            nint x = (nint)xs, tx = (nint)txs, ta = (nint)ages, e = (nint)expected, p = (nint)alive;
            ParallelChunks.ForRanges(frequency.Length, ParallelChunk, (start, end) => Kernel(
                perAge,
                new ReadOnlySpan<int>((int*)x + start, end - start),
                new ReadOnlySpan<double>((double*)tx + start, end - start),
                new ReadOnlySpan<double>((double*)ta + start, end - start),
                perAge is null ? [] : new Span<double>((double*)e + start, end - start),
                wantAlive ? new Span<double>((double*)p + start, end - start) : [],
                start,
                new HistoryCache(end - start),
                summaries: null,
                parameterName: null));
        }
    }

    /// <summary>P(alive) × f(x, T) for many customers, with f computed once per distinct (x, T): the batch path of the
    /// lifetime value.</summary>
    internal void PerHistory(Func<int, double, double> perAge, ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
    {
        Guard.Destination(customers.Length, destination.Length);
        Summaries(perAge, customers, destination, [], nameof(customers));
    }

    /// <summary>P(alive) × f(x, T) for every customer of a population (see
    /// <see cref="PerHistory(Func{int, double, double}, ReadOnlySpan{CustomerSummary}, Span{double})"/>).</summary>
    internal void PerHistory(Func<int, double, double> perAge, CustomerSummaryCollection customers, Span<double> destination)
    {
        Guard.Destination(customers.Count, destination.Length);
        Population(perAge, customers, destination, []);
    }

    /// <summary>The per-(x, T) factor of E[Y(t)]: E[Y(t) | alive, x, T], and 0 at t = 0.</summary>
    private Func<int, double, double> IfAlive(double t) => (x, age) => t == 0 ? 0 : ExpectedPurchasesIfAlive(t, x, age);

    private static void CheckColumns(int frequency, int recency, int age)
    {
        if (recency != frequency || age != frequency)
        {
            throw new ArgumentException($"The columns differ in length: frequency {frequency}, recency {recency}, age {age}.", recency != frequency ? "recency" : "age");
        }
    }

    private static void CheckOptionalDestination(int customers, int length, string parameterName)
    {
        if (length != 0)
        {
            Guard.Destination(customers, length, parameterName);
        }
    }

    /// <summary>The batch over summaries: each block's histories are gathered from the summaries (checked: none null,
    /// all in the model's time unit) and run through <see cref="Kernel"/>.</summary>
    private void Summaries(Func<int, double, double>? perAge, ReadOnlySpan<CustomerSummary> customers, Span<double> values, Span<double> alive, string parameterName)
    {
        var input = ArrayPool<CustomerSummary>.Shared.Rent(customers.Length);
        try
        {
            customers.CopyTo(input);
            Blocks(perAge, customers.Length, values, alive, input, parameterName, (from, x, recency, age) =>
            {
                for (int i = 0; i < x.Length; i++)
                {
                    var customer = input[from + i] ?? throw new ArgumentNullException(parameterName, $"Customer #{from + i} is null.");
                    if (customer.TimeUnit != TimeUnit)
                    {
                        throw new ArgumentException($"Customer #{from + i} ('{customer.CustomerId}') is measured in {customer.TimeUnit}, the model in {TimeUnit}; refit or convert the times.", parameterName);
                    }

                    (x[i], recency[i], age[i]) = (customer.Frequency, customer.Recency, customer.Age);
                }
            });
        }
        finally
        {
            ArrayPool<CustomerSummary>.Shared.Return(input, clearArray: true); // hold no customer beyond the call
        }
    }

    /// <summary>The batch over a population: a collection kept as columns is read a block of columns at a time (its
    /// histories are valid by construction), any other goes through <see cref="Summaries"/>.</summary>
    private void Population(Func<int, double, double>? perAge, CustomerSummaryCollection customers, Span<double> values, Span<double> alive)
    {
        if (!customers.IsColumnar)
        {
            Summaries(perAge, customers.AsSpan(), values, alive, nameof(customers));
            return;
        }

        if (customers.Count > 0 && customers[0].TimeUnit != TimeUnit)
        {
            throw new ArgumentException($"The customers are measured in {customers[0].TimeUnit}, the model in {TimeUnit}; refit or convert the times.", nameof(customers));
        }

        Blocks(perAge, customers.Count, values, alive, summaries: null, nameof(customers), (from, x, recency, age) =>
        {
            customers.CopyColumn(SummaryColumn.Frequency, from, age); // age holds the frequencies until they are ints
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = (int)age[i];
            }

            customers.CopyColumn(SummaryColumn.Recency, from, recency);
            customers.CopyColumn(SummaryColumn.Age, from, age);
        });
    }

    /// <summary>Fills one block of histories, starting at customer <paramref name="from"/>; the spans' length is the
    /// block's.</summary>
    private delegate void GatherHistories(int from, Span<int> frequency, Span<double> recency, Span<double> age);

    /// <summary>The batch loop over customers given block by block: ranges of customers on every core, each with its
    /// own cache of (x, T) terms, each block gathered by <paramref name="gather"/> and run through <see cref="Kernel"/>.</summary>
    private unsafe void Blocks(Func<int, double, double>? perAge, int count, Span<double> values, Span<double> alive, CustomerSummary[]? summaries, string parameterName, GatherHistories gather)
    {
        const int Block = 256;
        bool wantValues = !values.IsEmpty, wantAlive = !alive.IsEmpty;
        fixed (double* v = values, p = alive)
        {
            nint valuesAt = (nint)v, aliveAt = (nint)p;
            ParallelChunks.ForRanges(count, ParallelChunk, (start, end) =>
            {
                var cache = new HistoryCache(end - start);
                Span<int> x = stackalloc int[Block];
                Span<double> recency = stackalloc double[Block];
                Span<double> age = stackalloc double[Block];
                for (int from = start; from < end; from += Block)
                {
                    int length = Math.Min(Block, end - from);
                    gather(from, x[..length], recency[..length], age[..length]);
                    Kernel(
                        perAge,
                        x[..length],
                        recency[..length],
                        age[..length],
                        wantValues ? new Span<double>((double*)valuesAt + from, length) : [],
                        wantAlive ? new Span<double>((double*)aliveAt + from, length) : [],
                        from,
                        cache,
                        summaries,
                        parameterName);
                }
            });
        }
    }

    /// <summary>
    /// The one batch loop: for each history, the (x, T) terms from the cache (computed on first sight), P(alive) from
    /// them, and P(alive) × f(x, T) when <paramref name="perAge"/> is given. Histories from columns are checked here;
    /// those of <paramref name="summaries"/> (valid by construction) name the customer's id in a refusal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Kernel(Func<int, double, double>? perAge, ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> values, Span<double> alive, int offset, HistoryCache cache, CustomerSummary[]? summaries, string? parameterName)
    {
        for (int i = 0; i < frequency.Length; i++)
        {
            int x = frequency[i];
            double tx = recency[i], ta = age[i];
            if (summaries is null && !RepeatPurchaseData.IsValid(x, tx, ta))
            {
                RepeatPurchaseData.Validate(x, tx, ta, parameterName, $"Customer #{offset + i}: ");
            }

            if (!cache.TryGet(x, ta, out double factor, out double term, out int slot))
            {
                factor = perAge is null ? 1 : perAge(x, ta);
                term = AliveTerm(x, ta);
                cache.Add(x, ta, factor, term, slot);
            }

            double probability;
            try
            {
                probability = AliveFromTerm(term, x, tx, ta);
            }
            catch (ArgumentOutOfRangeException refused) when (refused.ParamName == "age")
            {
                // P(alive) refused for this history (a value beyond the computed domain): name the caller's argument.
                string who = summaries is null ? $"Customer #{offset + i}" : $"Customer #{offset + i} ('{summaries[offset + i].CustomerId}')";
                throw new ArgumentOutOfRangeException(parameterName ?? "age", $"{who}: {refused.Message}");
            }

            if (!alive.IsEmpty)
            {
                alive[i] = probability;
            }

            if (!values.IsEmpty)
            {
                values[i] = factor == 0 ? 0 : factor * probability;
            }
        }
    }

    /// <summary>E[Y(t) | alive at T, x, T] = E[Y(t) | x, t<sub>x</sub>, T] / P(alive | x, t<sub>x</sub>, T): the expected
    /// purchases in the next t of a customer known to be active, which depends on the history through x and T only.
    /// Arguments are valid and t &gt; 0.</summary>
    internal abstract double ExpectedPurchasesIfAlive(double t, int frequency, double age);

    /// <summary>P(alive | x, t<sub>x</sub>, T) for a valid history.</summary>
    internal abstract double AliveCore(int frequency, double recency, double age);

    /// <summary>The part of P(alive) that depends on (x, T) only, which a batch computes once per distinct (x, T);
    /// 0 for a model without one.</summary>
    internal virtual double AliveTerm(int frequency, double age) => 0;

    /// <summary>P(alive | x, t<sub>x</sub>, T) from <see cref="AliveTerm"/>; a model that overrides one overrides both,
    /// and its <see cref="AliveCore"/> is this of that, so that batch and single values agree to the last bit.</summary>
    internal virtual double AliveFromTerm(double term, int frequency, double recency, double age) => AliveCore(frequency, recency, age);

    /// <summary>Throws unless <paramref name="unit"/> is the model's time unit.</summary>
    /// <param name="unit">The unit of some input.</param>
    /// <param name="parameterName">The input's parameter name.</param>
    /// <exception cref="ArgumentException">The units differ.</exception>
    private protected void RequireUnit(TimeUnit unit, string parameterName)
    {
        if (unit != TimeUnit)
        {
            throw new ArgumentException($"The input is measured in {unit}, the model in {TimeUnit}; refit or convert the times.", parameterName);
        }
    }

    /// <summary>Throws unless <paramref name="t"/> is a finite, non-negative horizon.</summary>
    /// <param name="t">The horizon.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative, not finite or above 10⁹ time units.</exception>
    private protected static void CheckHorizon(double t)
    {
        if (!(t >= 0 && t <= RepeatPurchaseData.MaxTime))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The horizon must be from 0 to 10⁹ time units.");
        }
    }

    /// <summary>The weighted mean age of data, a starting value for the rate parameters.</summary>
    internal static double MeanAge(RepeatPurchaseData data)
    {
        double sum = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            sum += data.Age[i] * data.Weight[i];
        }

        return Math.Max(sum / data.CustomerCount, 1e-3);
    }
}
