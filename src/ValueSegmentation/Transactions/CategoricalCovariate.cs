namespace ValueSegmentation.Transactions;

/// <summary>Turns a categorical covariate into 0/1 columns for the covariate models (<see cref="CustomerCovariates"/>).</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class CategoricalCovariate
{
    /// <summary>
    /// One-hot coding against a reference level: one column per level but the reference, 1 where the value is that
    /// level; the reference level is all zeros, so each effect is the level's difference from the reference.
    /// </summary>
    /// <param name="name">The covariate's name: the columns are named "name=level".</param>
    /// <param name="values">The value for each row (cohort or customer).</param>
    /// <param name="reference">The reference level; it must occur among the values.</param>
    /// <returns>The column names (levels in order of first appearance, the reference left out) and one row of 0/1 values
    /// per value.</returns>
    /// <exception cref="ArgumentNullException">An argument or a value is null.</exception>
    /// <exception cref="ArgumentException">The reference level does not occur, or it is the only level.</exception>
    public static (IReadOnlyList<string> Names, IReadOnlyList<double[]> Rows) OneHot(string name, IReadOnlyList<string> values, string reference)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(reference);
        var levels = new List<string>();
        foreach (string value in values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            if (!levels.Contains(value, StringComparer.Ordinal))
            {
                levels.Add(value);
            }
        }

        if (!levels.Remove(reference))
        {
            throw new ArgumentException($"The reference level '{reference}' of '{name}' does not occur; the levels are {string.Join(", ", levels)}.", nameof(reference));
        }

        if (levels.Count == 0)
        {
            throw new ArgumentException($"'{name}' has only its reference level '{reference}': there is no difference to estimate.", nameof(values));
        }

        var rows = values.Select(value => levels.Select(level => string.Equals(value, level, StringComparison.Ordinal) ? 1.0 : 0.0).ToArray()).ToList();
        return ([.. levels.Select(level => $"{name}={level}")], rows);
    }
}
