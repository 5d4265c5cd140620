namespace ValueSegmentation.Segmentation;

/// <summary>The name and suggested treatment of a segment that a strategy will create; the strategy adds the
/// rank and the rule.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SegmentDefinition
{
    /// <summary>Creates a definition.</summary>
    /// <param name="name">The segment's name.</param>
    /// <param name="treatment">The suggested treatment; may be empty.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="treatment"/> is null.</exception>
    public SegmentDefinition(string name, string treatment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(treatment);
        Name = name;
        Treatment = treatment;
    }

    /// <summary>The segment's name.</summary>
    public string Name { get; }

    /// <summary>The suggested treatment.</summary>
    public string Treatment { get; }

    /// <inheritdoc />
    public override string ToString() => Name;

    internal static SegmentDefinition[] Validate(IReadOnlyList<SegmentDefinition>? definitions, int expected, SegmentDefinition[] defaults, string parameterName)
    {
        if (definitions is null)
        {
            return defaults;
        }

        if (definitions.Count != expected)
        {
            throw new ArgumentException($"Expected {expected} segment definitions (one per segment), got {definitions.Count}.", parameterName);
        }

        var copy = definitions.ToArray();
        for (int i = 0; i < copy.Length; i++)
        {
            if (copy[i] is null)
            {
                throw new ArgumentNullException(parameterName, $"Segment definition #{i} is null.");
            }

            for (int j = 0; j < i; j++)
            {
                if (string.Equals(copy[i].Name, copy[j].Name, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Two segments are named '{copy[i].Name}'; names must differ.", parameterName);
                }
            }
        }

        return copy;
    }
}
