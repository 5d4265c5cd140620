using MathNet.Numerics;

namespace ValueSegmentation.Probabilistic.Covariates;

/// <summary>
/// The likelihood-ratio test of a model with covariates against the same model without them: the statistic
/// 2(LL₁ − LL₀), asymptotically χ² with as many degrees of freedom as effects estimated, and its p-value.
/// </summary>
/// <param name="Statistic">2(LL with covariates − LL without), at least 0.</param>
/// <param name="DegreesOfFreedom">The number of covariate effects estimated.</param>
/// <param name="PValue">P(χ² ≥ statistic): small values say the covariates explain the data.</param>
/// <remarks>A plain, immutable value. The models report it only when both fits converged with the same options (a fit
/// stopped short of its maximum would make the statistic meaningless).</remarks>
public readonly record struct LikelihoodRatioTest(double Statistic, int DegreesOfFreedom, double PValue)
{
    /// <summary>The test of <paramref name="withCovariates"/> against <paramref name="without"/>, or
    /// <see langword="null"/> unless both converged.</summary>
    internal static LikelihoodRatioTest? Between(ModelFit withCovariates, ModelFit without, int degreesOfFreedom)
    {
        if (!withCovariates.Convergence.Converged || !without.Convergence.Converged || degreesOfFreedom < 1)
        {
            return null;
        }

        double statistic = Math.Max(0, 2 * (withCovariates.LogLikelihood - without.LogLikelihood));

        // The upper tail of χ²(df) as the regularised upper incomplete gamma, accurate where 1 − CDF would round to 0.
        return new LikelihoodRatioTest(statistic, degreesOfFreedom, SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2.0, statistic / 2));
    }
}
