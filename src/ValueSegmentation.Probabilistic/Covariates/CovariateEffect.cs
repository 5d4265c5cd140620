namespace ValueSegmentation.Probabilistic.Covariates;

/// <summary>
/// The estimated effect of a covariate on a model parameter through the log-linear link
/// parameter = baseline × exp(Σ γ·z): a unit more of the covariate multiplies the parameter by exp(γ).
/// </summary>
/// <param name="Covariate">The covariate's name.</param>
/// <param name="Parameter">The parameter it acts on ("alpha", "beta", ...).</param>
/// <param name="Estimate">γ, the maximum-likelihood estimate.</param>
/// <param name="StandardError">Its standard error, from the inverse Hessian; <see langword="null"/> when the fit has none
/// (it did not converge to a strict maximum).</param>
/// <remarks>A plain, immutable value.</remarks>
public readonly record struct CovariateEffect(string Covariate, string Parameter, double Estimate, double? StandardError)
{
    /// <summary>The 95 % Wald interval, estimate ± 1.96 standard errors; <see langword="null"/> without a standard error.</summary>
    public (double Lower, double Upper)? Interval95 => StandardError is { } se ? (Estimate - (1.959963984540054 * se), Estimate + (1.959963984540054 * se)) : null;

    /// <summary>exp(γ): the factor a unit more of the covariate puts on the parameter.</summary>
    public double Factor => Math.Exp(Estimate);
}
