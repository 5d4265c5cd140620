using System.Globalization;
using ValueSegmentation.Analysis;

namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>
/// The tracking plots of Fader, Hardie &amp; Lee (2005, <em>Marketing Science</em> 24(2), Figures 2 and 3): a cohort's
/// repeat purchases step by step (weekly in the paper), actual against what a fitted transaction model expects, through
/// the calibration period and the holdout — cumulative and incremental.
/// </summary>
/// <remarks>
/// <para>The expected cumulative repeat purchases at the end of step k are Σ<sub>i</sub> E[X(a<sub>ik</sub>)], the
/// unconditional expectation of each customer's repeat purchases since acquisition evaluated at their age
/// a<sub>ik</sub> at the step's end (0 before acquisition); customers acquired in the same purchase period share it, so
/// the cost is one E[X(t)] per distinct age (Fader, Hardie &amp; Lee 2005, section 5; Fader, Hardie &amp; Lee 2005, "A note
/// on implementing the Pareto/NBD model in MATLAB", brucehardie.com/notes/008). The actual side is a
/// <see cref="RepeatPurchaseTracking"/> of the transaction log.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class TrackingCurve
{
    private readonly TrackingPoint[] _points;

    private TrackingCurve(RepeatPurchaseModel model, RepeatPurchaseTracking tracking, TrackingPoint[] points)
    {
        Model = model;
        Tracking = tracking;
        _points = points;
    }

    /// <summary>The model whose expectations are plotted.</summary>
    public RepeatPurchaseModel Model { get; }

    /// <summary>The actual side: the cohort's repeat purchases per step.</summary>
    public RepeatPurchaseTracking Tracking { get; }

    /// <summary>The steps, in time order.</summary>
    public IReadOnlyList<TrackingPoint> Points => _points;

    /// <summary>The actual repeat purchases of the steps in the calibration period.</summary>
    public long CalibrationActual => _points.Where(p => !p.IsHoldout).Sum(p => (long)p.Actual);

    /// <summary>The expected repeat purchases of the steps in the calibration period.</summary>
    public double CalibrationExpected => _points.Where(p => !p.IsHoldout).Sum(p => p.Expected);

    /// <summary>The actual repeat purchases of the steps in the holdout period.</summary>
    public long HoldoutActual => _points.Where(p => p.IsHoldout).Sum(p => (long)p.Actual);

    /// <summary>The expected repeat purchases of the steps in the holdout period.</summary>
    public double HoldoutExpected => _points.Where(p => p.IsHoldout).Sum(p => p.Expected);

    /// <summary>Computes the expected curve of <paramref name="model"/> beside the actual one.</summary>
    /// <param name="model">The fitted transaction model (its time unit measures the ages).</param>
    /// <param name="tracking">The cohort's actual repeat purchases, from the transaction log the model's summaries were
    /// built from.</param>
    /// <returns>The tracking curve.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static TrackingCurve Compute(RepeatPurchaseModel model, RepeatPurchaseTracking tracking)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tracking);
        var steps = tracking.Steps;
        var groups = tracking.Acquisitions;
        var byAge = new Dictionary<int, double>(); // E[X(t)] per age in days: ages repeat across steps and groups
        var points = new TrackingPoint[steps.Count];
        double previous = 0;
        long actualCumulative = 0;
        for (int k = 0; k < steps.Count; k++)
        {
            var step = steps[k];
            double cumulative = 0;
            foreach (var group in groups)
            {
                int days = step.MeasuredTo.DayNumber - group.PeriodStart.DayNumber;
                if (days <= 0)
                {
                    continue;
                }

                if (!byAge.TryGetValue(days, out double expected))
                {
                    byAge[days] = expected = model.ExpectedPurchases(model.TimeUnit.FromDays(days));
                }

                cumulative += group.Customers * expected;
            }

            actualCumulative += step.RepeatPurchases;
            points[k] = new TrackingPoint(k, step.First, step.Last, step.IsHoldout, step.RepeatPurchases, cumulative - previous, actualCumulative, cumulative);
            previous = cumulative;
        }

        return new TrackingCurve(model, tracking, points);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Model.Name} tracking over {_points.Length} steps: calibration {CalibrationActual} actual, {CalibrationExpected:F1} expected; holdout {HoldoutActual} actual, {HoldoutExpected:F1} expected");
}
