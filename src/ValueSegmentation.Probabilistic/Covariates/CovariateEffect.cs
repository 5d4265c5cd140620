namespace ValueSegmentation.Probabilistic.Covariates;

/// <summary>
/// The estimated effect of a covariate on a model parameter through the log-linear link
/// parameter = baseline × exp(<see cref="Sign"/> · Σ γ·z).
/// </summary>
/// <param name="Covariate">The covariate's name.</param>
/// <param name="Parameter">The parameter it acts on ("alpha", "beta", ...).</param>
/// <param name="Estimate">γ, the maximum-likelihood estimate.</param>
/// <param name="StandardError">Its standard error, from the inverse Hessian; <see langword="null"/> when the fit has none
/// (it did not converge to a strict maximum).</param>
/// <param name="Sign">−1 where the parameter is the scale of a gamma-distributed rate (α of the purchase rate in BG/NBD,
/// MBG/NBD and Pareto/NBD, β of the Pareto/NBD dropout rate): the mean rate is then multiplied by exp(γ), so a positive γ
/// means more purchases, or earlier dropout. +1 elsewhere: on the Gamma-Gamma scale a positive γ means more spend; on
/// a parameter of a Beta distribution (a and b of the BG/NBD dropout probability, α, β, γ, δ of BG/BB, α and β of the
/// sBG) it multiplies that parameter, so a positive effect on the first raises the mean probability and one on the
/// second lowers it.</param>
/// <remarks>A plain, immutable value.</remarks>
public readonly record struct CovariateEffect(string Covariate, string Parameter, double Estimate, double? StandardError, int Sign = 1)
{
    /// <summary>+1 or −1: the sign of the link (see the constructor).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is neither +1 nor −1.</exception>
    public int Sign { get; init; } = Sign is 1 or -1 ? Sign : throw new ArgumentOutOfRangeException(nameof(Sign), Sign, "The sign of a link is +1 or −1.");

    /// <summary>The 95 % Wald interval, estimate ± 1.96 standard errors; <see langword="null"/> without a standard error.</summary>
    public (double Lower, double Upper)? Interval95 => StandardError is { } se ? (Estimate - (1.959963984540054 * se), Estimate + (1.959963984540054 * se)) : null;

    /// <summary>exp(γ): the factor a unit more of the covariate puts on the parameter (<see cref="Sign"/> +1) or on the
    /// mean rate the parameter scales (<see cref="Sign"/> −1, where the parameter itself is divided by it).</summary>
    public double Factor => Math.Exp(Estimate);
}
