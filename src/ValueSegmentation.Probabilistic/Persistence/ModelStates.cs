using System.Globalization;

namespace ValueSegmentation.Probabilistic.Persistence;

/// <summary>Models to and from their saved state, checking every value on the way in.</summary>
internal static class ModelStates
{
    public const string BgNbd = "bg-nbd";

    public const string MbgNbd = "mbg-nbd";

    public const string ParetoNbd = "pareto-nbd";

    public const string GammaGamma = "gamma-gamma";

    private const string What = "model";

    /// <summary>The saved state of a model of this package.</summary>
    /// <exception cref="NotSupportedException">The object is not one of the package's models.</exception>
    public static ModelState ToState(object model) => model switch
    {
        BgNbdModel m => State(BgNbd, m.TimeUnit, null, m.FitResult, ("r", m.Parameters.R), ("alpha", m.Parameters.Alpha), ("a", m.Parameters.A), ("b", m.Parameters.B)),
        MbgNbdModel m => State(MbgNbd, m.TimeUnit, null, m.FitResult, ("r", m.Parameters.R), ("alpha", m.Parameters.Alpha), ("a", m.Parameters.A), ("b", m.Parameters.B)),
        ParetoNbdModel m => State(ParetoNbd, m.TimeUnit, null, m.FitResult, ("r", m.Parameters.R), ("alpha", m.Parameters.Alpha), ("s", m.Parameters.S), ("beta", m.Parameters.Beta)),
        GammaGammaModel m => State(GammaGamma, null, m.NonPositiveSpend, m.FitResult, ("p", m.Parameters.P), ("q", m.Parameters.Q), ("gamma", m.Parameters.Gamma)),
        BgBbModel m => State("bg-bb", null, null, m.FitResult, ("alpha", m.Parameters.Alpha), ("beta", m.Parameters.Beta), ("gamma", m.Parameters.Gamma), ("delta", m.Parameters.Delta)),
        ShiftedBetaGeometricModel m => State("shifted-beta-geometric", null, null, m.FitResult, ("alpha", m.Parameters.Alpha), ("beta", m.Parameters.Beta)),
        _ => throw new NotSupportedException($"{model.GetType().FullName} is not a model of ValueSegmentation.Probabilistic; the saved models are BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma, BG/BB and sBG."),
    };

    /// <summary>The names of each model's parameters, in the order of its parameter value's constructor and of its fit.</summary>
    public static string[]? ParameterNames(string model) => model switch
    {
        BgNbd or MbgNbd => ["r", "alpha", "a", "b"],
        ParetoNbd => ["r", "alpha", "s", "beta"],
        GammaGamma => ["p", "q", "gamma"],
        "bg-bb" => ["alpha", "beta", "gamma", "delta"],
        "shifted-beta-geometric" => ["alpha", "beta"],
        _ => null,
    };

    /// <summary>The saved name of a transaction model kind.</summary>
    public static string NameOf(TransactionModelKind kind) => kind switch
    {
        TransactionModelKind.BgNbd => BgNbd,
        TransactionModelKind.MbgNbd => MbgNbd,
        _ => ParetoNbd,
    };

    /// <summary>Rebuilds a model from its saved state.</summary>
    /// <exception cref="SavedStateException">A value is missing, unknown or out of range.</exception>
    public static object FromState(ModelState state, string path)
    {
        string[] names = ParameterNames(state.Model) ?? throw new SavedStateException(
            $"The saved model is invalid at {path}.model: \"{state.Model}\" is not a model this library saves (bg-nbd, mbg-nbd, pareto-nbd, gamma-gamma, bg-bb, shifted-beta-geometric).",
            path + ".model");
        var p = new double[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            SavedDocuments.Require(state.Parameters.TryGetValue(names[i], out p[i]), What, path + ".parameters", $"a {state.Model} model has the parameters {string.Join(", ", names)}; \"{names[i]}\" is missing.");
        }

        SavedDocuments.Require(state.Parameters.Count == names.Length, What, path + ".parameters", $"a {state.Model} model has the parameters {string.Join(", ", names)} only, not {string.Join(", ", state.Parameters.Keys.Except(names, StringComparer.Ordinal))}.");
        bool transactions = state.Model is BgNbd or MbgNbd or ParetoNbd;
        SavedDocuments.Require(transactions == state.TimeUnit.HasValue, What, path + ".timeUnit", transactions ? $"a {state.Model} model states its time unit." : $"a {state.Model} model has no time unit.");
        SavedDocuments.Require(state.TimeUnit is null || Enum.IsDefined(state.TimeUnit.Value), What, path + ".timeUnit", $"{state.TimeUnit} is not a time unit.");
        SavedDocuments.Require((state.Model == GammaGamma) == state.NonPositiveSpend.HasValue, What, path + ".nonPositiveSpend", state.Model == GammaGamma ? "a gamma-gamma model states its nonPositiveSpend policy." : $"a {state.Model} model has no nonPositiveSpend policy.");
        var fit = state.Fit is null ? null : Fit(state.Fit, names, path + ".fit");
        var unit = state.TimeUnit.GetValueOrDefault();
        var model = SavedDocuments.Restore<object>(
            () => state.Model switch
            {
                BgNbd => new BgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3]), unit, fit),
                MbgNbd => new MbgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3]), unit, fit),
                ParetoNbd => new ParetoNbdModel(new ParetoNbdParameters(p[0], p[1], p[2], p[3]), unit, fit),
                GammaGamma => new GammaGammaModel(new GammaGammaParameters(p[0], p[1], p[2]), state.NonPositiveSpend!.Value, fit),
                "bg-bb" => new BgBbModel(new BgBbParameters(p[0], p[1], p[2], p[3]), fit),
                _ => new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(p[0], p[1]), fit),
            },
            What,
            path + ".parameters");
        SavedDocuments.Require(fit is null || fit.Parameters.SequenceEqual(p), What, path + ".fit.estimates", "the fit's estimates are the model's parameters.");
        return model;
    }

    private static ModelState State(string kind, TimeUnit? unit, NonPositiveSpend? nonPositiveSpend, ModelFit? fit, params (string Name, double Value)[] parameters) => new()
    {
        Model = kind,
        TimeUnit = unit,
        Parameters = parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
        NonPositiveSpend = nonPositiveSpend,
        Fit = fit is null ? null : new FitState
        {
            ParameterNames = [.. fit.ParameterNames],
            Estimates = [.. fit.Parameters],
            LogLikelihood = fit.LogLikelihood,
            Customers = fit.Customers,
            Penalty = fit.Penalty,
            StandardErrors = fit.StandardErrors?.ToArray(),
            Covariance = fit.HasCovariance
                ? [.. Enumerable.Range(0, fit.Parameters.Count).Select(i => Enumerable.Range(0, fit.Parameters.Count).Select(j => fit.Covariance(i, j)).ToArray())]
                : null,
            Convergence = new ConvergenceState
            {
                Converged = fit.Convergence.Converged,
                Reason = fit.Convergence.Reason,
                Iterations = fit.Convergence.Iterations,
                Evaluations = fit.Convergence.Evaluations,
                GradientNorm = fit.Convergence.GradientNorm,
            },
        },
    };

    private static ModelFit Fit(FitState state, string[] names, string path)
    {
        int k = names.Length;
        SavedDocuments.Require(state.ParameterNames.SequenceEqual(names, StringComparer.Ordinal), What, path + ".parameterNames", $"the fit of this model estimates {string.Join(", ", names)}, in that order.");
        SavedDocuments.Require(state.Estimates.Length == k && state.Estimates.All(double.IsFinite), What, path + ".estimates", $"{k} finite estimates are expected.");
        SavedDocuments.RequireFinite(state.LogLikelihood, What, path + ".logLikelihood");
        SavedDocuments.Require(double.IsFinite(state.Customers) && state.Customers >= 0, What, path + ".customers", "the customers fitted are a finite number, not negative.");
        SavedDocuments.Require(double.IsFinite(state.Penalty) && state.Penalty >= 0, What, path + ".penalty", "the penalty is a finite number, not negative.");
        var convergence = state.Convergence;
        SavedDocuments.Require(convergence.Iterations >= 0 && convergence.Evaluations >= 0, What, path + ".convergence", "iterations and evaluations are not negative.");
        SavedDocuments.Require(double.IsFinite(convergence.GradientNorm) && convergence.GradientNorm >= 0, What, path + ".convergence.gradientNorm", "the gradient norm is a finite number, not negative.");
        double[,]? covariance = null;
        if (state.Covariance is { } rows)
        {
            SavedDocuments.Require(rows.Length == k && rows.All(row => row is not null && row.Length == k), What, path + ".covariance", $"the covariance is a {k} × {k} matrix.");
            covariance = new double[k, k];
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    covariance[i, j] = rows[i][j];
                    string cell = string.Create(CultureInfo.InvariantCulture, $"{path}.covariance[{i}][{j}]");
                    SavedDocuments.RequireFinite(rows[i][j], What, cell);
                }

                SavedDocuments.Require(rows[i][i] >= 0, What, string.Create(CultureInfo.InvariantCulture, $"{path}.covariance[{i}][{i}]"), "a variance is not negative.");
            }

            // The inverse Hessian is symmetric up to rounding: a relative difference beyond 1e-6 is not rounding.
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    double scale = Math.Sqrt(rows[i][i] * rows[j][j]);
                    SavedDocuments.Require(
                        Math.Abs(rows[i][j] - rows[j][i]) <= 1e-6 * scale,
                        What,
                        string.Create(CultureInfo.InvariantCulture, $"{path}.covariance[{i}][{j}]"),
                        "the covariance is symmetric (up to rounding).");
                }
            }
        }

        if (state.StandardErrors is { } errors)
        {
            SavedDocuments.Require(
                covariance is not null && errors.Length == k && errors.Select((e, i) => e == Math.Sqrt(covariance[i, i])).All(equal => equal),
                What,
                path + ".standardErrors",
                "the standard errors are the square roots of the covariance's diagonal (and there are none without a covariance).");
        }

        return new ModelFit(names, [.. state.Estimates], state.LogLikelihood, state.Customers, state.Penalty, covariance, new ConvergenceReport(convergence.Converged, convergence.Reason, convergence.Iterations, convergence.Evaluations, convergence.GradientNorm));
    }
}
