namespace ValueSegmentation.Internal;

/// <summary>Validation of increasing cumulative shares, shared by the percentile and Pareto strategies.</summary>
internal static class ShareList
{
    public static double[] Validate(IReadOnlyList<double> shares, string parameterName)
    {
        var copy = shares.ToArray();
        if (copy.Length == 0)
        {
            throw new ArgumentException("At least one cumulative share is needed.", parameterName);
        }

        for (int i = 0; i < copy.Length; i++)
        {
            if (!(copy[i] > 0 && copy[i] < 1))
            {
                throw new ArgumentOutOfRangeException(parameterName, copy[i], $"Cumulative share #{i} must be in (0, 1).");
            }

            if (i > 0 && !(copy[i] > copy[i - 1]))
            {
                throw new ArgumentException($"Cumulative shares are out of order: #{i} ({copy[i]}) is not above #{i - 1} ({copy[i - 1]}).", parameterName);
            }
        }

        return copy;
    }
}
