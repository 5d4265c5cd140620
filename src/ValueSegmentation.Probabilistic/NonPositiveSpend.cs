namespace ValueSegmentation.Probabilistic;

/// <summary>What the Gamma-Gamma spend model does with a repeat customer whose mean spend is 0 or less (free orders,
/// returns larger than purchases), which its likelihood cannot describe. One policy holds from the data
/// (<see cref="SpendData"/>) to the fitted model (<see cref="GammaGammaModel"/>) and every lifetime value built on it.</summary>
public enum NonPositiveSpend
{
    /// <summary>Refuse the customer with an exception naming them (the default).</summary>
    Reject = 0,

    /// <summary>Leave the customer out of the fit (counted in <see cref="SpendData.ExcludedCustomers"/>) and value their
    /// expected spend at the population mean <see cref="GammaGammaModel.PopulationMeanSpend"/>, as for a customer
    /// without a repeat purchase.</summary>
    Exclude = 1,
}
