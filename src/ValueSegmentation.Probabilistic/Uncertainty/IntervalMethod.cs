namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>How <see cref="PredictionIntervals"/> turns the uncertainty of fitted parameters into intervals.</summary>
public enum IntervalMethod
{
    /// <summary>The delta method: the variance of a prediction g(θ̂) is ∇g′ Σ ∇g, with Σ the covariance of the estimates
    /// (the inverse of the negative Hessian of the log-likelihood, <see cref="ModelFit"/>) and ∇g with respect to the
    /// logarithms of the parameters. The interval is normal on the log scale for counts and money (so it stays positive)
    /// and on the logit scale for probabilities. Fast: about the cost of the predictions themselves.</summary>
    DeltaMethod = 0,

    /// <summary>A parametric bootstrap of the parameters (Krinsky &amp; Robb 1986, <em>Review of Economics and
    /// Statistics</em> 68(4)): draws of the logarithms of the parameters from the normal distribution the fit implies,
    /// N(ln θ̂, Σ<sub>ln</sub>), predictions under each draw, and the percentile interval of the draws. It does not refit
    /// simulated data sets: the fit's covariance stands for their spread.</summary>
    ParametricBootstrap = 1,

    /// <summary>The nonparametric bootstrap over customers (Efron 1979): resample the customers with replacement, refit the
    /// models to each resample (from the estimates, on weighted rows), predict for the original customers, and take the
    /// percentile interval of the draws. The slowest, and free of the normal approximation of the fit. The customers given
    /// must be those the models were fitted on: they are what is resampled.</summary>
    NonparametricBootstrap = 2,
}
