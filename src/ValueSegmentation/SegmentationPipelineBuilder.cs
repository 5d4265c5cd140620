using ValueSegmentation.Lifetime;
using ValueSegmentation.Metrics;
using ValueSegmentation.Segmentation;

namespace ValueSegmentation;

/// <summary>
/// Builds a <see cref="SegmentationPipeline"/>: the one entry point that runs the whole job — transactions or summaries
/// → value and loyalty measures, evaluated once per customer → strategy fit and assignment → segment report,
/// concentration and, against an earlier result, migration.
/// </summary>
/// <remarks>
/// <para>The configuration is plain values (<see cref="SegmentationOptions"/>), so configuration files and command-line
/// flags bind onto this same builder. Code adds what plain values cannot say: measures of its own
/// (<see cref="AddMeasure"/>), components that fit measures on the data (<see cref="AddMeasureProvider"/>; the
/// probabilistic package's <c>AddProbabilisticModels</c> is one) and a strategy of its own (<see cref="UseStrategy"/>).</para>
/// <para>A builder is a mutable, single-threaded configuration object; <see cref="Build"/> validates it and returns an
/// immutable, thread-safe pipeline that later changes to the builder do not affect.</para>
/// </remarks>
/// <example>
/// <code>
/// SegmentationResult result = new SegmentationPipelineBuilder()
///     .Configure(options =&gt; options.Method = SegmentationMethod.Pareto)
///     .Build()
///     .Run(transactions);
/// </code>
/// </example>
public sealed class SegmentationPipelineBuilder
{
    private readonly Dictionary<string, CustomerMeasure> _measures = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IMeasureProvider> _providers = [];
    private ISegmentationStrategy? _strategy;

    /// <summary>Creates a builder with the default options (<see cref="SegmentationOptions"/>).</summary>
    public SegmentationPipelineBuilder()
        : this(new SegmentationOptions())
    {
    }

    /// <summary>Creates a builder from options, bound from configuration for example; they are copied.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public SegmentationPipelineBuilder(SegmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Clone();
        foreach (var (name, measure) in MeasureNames.BuiltIn)
        {
            _measures.Add(name, measure);
        }

        // "profit" depends on the cost drivers of the options: reserved here, defined in Build.
        _measures.Add(MeasureNames.Profit, CustomerMeasure.GrossProfit);
    }

    /// <summary>The options being built; change them directly or with <see cref="Configure"/>.</summary>
    public SegmentationOptions Options { get; }

    /// <summary>Changes the options.</summary>
    /// <param name="configure">A function that sets options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public SegmentationPipelineBuilder Configure(Action<SegmentationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options);
        return this;
    }

    /// <summary>Adds a measure the options can name, for example a lifetime value model of your own.</summary>
    /// <param name="name">The name, compared without regard to case; not one already known.</param>
    /// <param name="measure">The measure.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="measure"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already names a measure.</exception>
    public SegmentationPipelineBuilder AddMeasure(string name, CustomerMeasure measure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(measure);
        RequireNewName(name, nameof(name));
        _measures.Add(name, measure);
        return this;
    }

    /// <summary>Adds a component that fits measures on each run's customers (a probabilistic model, say); the options
    /// can then name its measures. Every provider added is fitted on every run.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is null.</exception>
    /// <exception cref="ArgumentException">One of its measure names is already known.</exception>
    public SegmentationPipelineBuilder AddMeasureProvider(IMeasureProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var names = provider.MeasureNames ?? throw new ArgumentException($"The provider '{provider.Name}' lists no measure names.", nameof(provider));
        foreach (string name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException($"The provider '{provider.Name}' lists an empty measure name.", nameof(provider));
            }

            RequireNewName(name, nameof(provider));
        }

        _providers.Add(provider);
        return this;
    }

    /// <summary>Uses a strategy of your own instead of <see cref="SegmentationOptions.Method"/>; the value and loyalty
    /// measures of the options still drive the report and the concentration.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="strategy"/> is null.</exception>
    public SegmentationPipelineBuilder UseStrategy(ISegmentationStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        _strategy = strategy;
        return this;
    }

    /// <summary>Validates the configuration and builds the pipeline.</summary>
    /// <returns>An immutable, thread-safe pipeline.</returns>
    /// <exception cref="InvalidOptionException">An option is invalid or names an unknown measure; the exception names the
    /// option (for example "SegmentationOptions.Shares") and the value.</exception>
    public SegmentationPipeline Build()
    {
        var options = Options.Clone();
        var costToServe = CheckOptions(options, checkStrategy: _strategy is null);
        var measures = new Dictionary<string, CustomerMeasure>(_measures, StringComparer.OrdinalIgnoreCase)
        {
            [MeasureNames.Profit] = ProfitMeasure(costToServe),
        };
        var providers = _providers.ToArray();
        CheckMeasureName(options.ValueMeasure, nameof(options.ValueMeasure), measures, providers);
        if (options.LoyaltyMeasure is not null)
        {
            CheckMeasureName(options.LoyaltyMeasure, nameof(options.LoyaltyMeasure), measures, providers);
        }

        return new SegmentationPipeline(options, measures, providers, _strategy, costToServe);
    }

    /// <summary>Checks the options that do not depend on the measures a pipeline knows — enums, dates, cost drivers and,
    /// unless a strategy of one's own replaces it, the method's shares, minimums, cuts and names — for
    /// <see cref="Build"/> and for the options of a saved snapshot.</summary>
    /// <returns>The cost to serve of the cost drivers, or <see langword="null"/> without any.</returns>
    /// <exception cref="InvalidOptionException">An option is invalid.</exception>
    internal static SummaryCostToServe? CheckOptions(SegmentationOptions options, bool checkStrategy)
    {
        Check(Enum.IsDefined(options.TimeUnit), nameof(options.TimeUnit), options.TimeUnit);
        Check(Enum.IsDefined(options.PurchasePeriod), nameof(options.PurchasePeriod), options.PurchasePeriod);
        Check(Enum.IsDefined(options.TransactionOrder), nameof(options.TransactionOrder), options.TransactionOrder);
        Check(Enum.IsDefined(options.TransactionsAfterEnd), nameof(options.TransactionsAfterEnd), options.TransactionsAfterEnd);
        Check(Enum.IsDefined(options.Method), nameof(options.Method), options.Method);
        Check(Enum.IsDefined(options.ReportFrequencyPer), nameof(options.ReportFrequencyPer), options.ReportFrequencyPer);
        Check(Enum.IsDefined(options.NegativeValues), nameof(options.NegativeValues), options.NegativeValues);
        if (options is { ObservationEnd: { } end, CalibrationEnd: { } calibrationEnd })
        {
            Check(calibrationEnd < end, nameof(options.CalibrationEnd), calibrationEnd, "not before the observation end.");
        }

        var costToServe = SummaryCostToServe.From(options.CostDrivers);
        if (checkStrategy)
        {
            // The strategy is built per run, on the run's fitted measures; build it once now, on stand-ins, so that
            // bad shares or names fail here rather than after the data has been read.
            try
            {
                _ = new SegmentationPipeline(options, [], [], null, costToServe).CreateStrategy(CustomerMeasure.Revenue, CustomerMeasure.Frequency);
            }
            catch (ArgumentException invalid) when (invalid is not InvalidOptionException)
            {
                throw new InvalidOptionException($"SegmentationOptions.{OptionOf(invalid.ParamName)}", $"{invalid.Message} (method {options.Method})", invalid);
            }
        }

        return costToServe;
    }

    /// <summary>The measure "profit": revenue − cost of goods − the cost to serve of the options' drivers.</summary>
    internal static CustomerMeasure ProfitMeasure(SummaryCostToServe? costToServe) =>
        new(MeasureNames.Profit, new HistoricalValueModel(costToServe is null ? null : costToServe.Of));

    private void RequireNewName(string name, string parameterName)
    {
        if (_measures.ContainsKey(name) || _providers.Any(p => p.MeasureNames.Contains(name, StringComparer.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A measure named '{name}' is already known; choose another name.", parameterName);
        }
    }

    private static void CheckMeasureName(string? name, string option, Dictionary<string, CustomerMeasure> measures, IMeasureProvider[] providers)
    {
        bool known = !string.IsNullOrWhiteSpace(name)
            && (measures.ContainsKey(name) || providers.Any(p => p.MeasureNames.Contains(name, StringComparer.OrdinalIgnoreCase)));
        if (!known)
        {
            var available = measures.Keys.Concat(providers.SelectMany(p => p.MeasureNames)).Order(StringComparer.Ordinal);
            throw new InvalidOptionException(
                $"SegmentationOptions.{option}",
                $"'{name}' names no measure; known measures: {string.Join(", ", available)}. Add a provider (for example AddProbabilisticModels) for model-based measures.");
        }
    }

    /// <summary>The option behind a strategy's parameter name.</summary>
    private static string OptionOf(string? parameterName) => parameterName switch
    {
        "shares" or "topShares" or "cumulativeShares" => nameof(SegmentationOptions.Shares),
        "minimums" => nameof(SegmentationOptions.Minimums),
        "valueCut" => nameof(SegmentationOptions.ValueCut),
        "loyaltyCut" => nameof(SegmentationOptions.LoyaltyCut),
        "segmentDefinitions" => nameof(SegmentationOptions.SegmentNames),
        { Length: > 0 } name => name,
        _ => nameof(SegmentationOptions.Method),
    };

    private static void Check<T>(bool valid, string option, T value, string? why = null)
    {
        if (!valid)
        {
            throw new InvalidOptionException($"SegmentationOptions.{option}", $"{value} is {why ?? "not a defined value."}");
        }
    }
}
