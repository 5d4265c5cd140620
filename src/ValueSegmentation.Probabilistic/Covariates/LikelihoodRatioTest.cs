namespace ValueSegmentation.Probabilistic.Covariates;

/// <summary>
/// The likelihood-ratio test of a model with covariates against the same model without them: the statistic
/// 2(LL₁ − LL₀), asymptotically χ² with as many degrees of freedom as effects estimated, and its p-value.
/// </summary>
/// <param name="Statistic">2(LL with covariates − LL without), at least 0.</param>
/// <param name="DegreesOfFreedom">The number of covariate effects estimated.</param>
/// <param name="PValue">P(χ² ≥ statistic): small values say the covariates explain the data.</param>
/// <remarks>A plain, immutable value.</remarks>
public readonly record struct LikelihoodRatioTest(double Statistic, int DegreesOfFreedom, double PValue);
