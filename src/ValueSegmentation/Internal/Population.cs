namespace ValueSegmentation.Internal;

/// <summary>Helpers for the populations the strategies and analyses take.</summary>
internal static class Population
{
    /// <summary>Throws when a strategy that learns from data gets none.</summary>
    public static void RequireNotEmpty(int count, string parameterName, string strategy)
    {
        if (count == 0)
        {
            throw new ArgumentException($"The population is empty; {strategy} learns its cut points from the population, so it needs at least one customer.", parameterName);
        }
    }
}
