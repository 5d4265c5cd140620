namespace ValueSegmentation.Lifetime;

/// <summary>When the first margin of the margin/retention lifetime value formula is received.</summary>
public enum MarginTiming
{
    /// <summary>
    /// At the end of each period, after the customer has survived it: margins m·r<sup>t</sup>/(1+d)<sup>t</sup>
    /// for t = 1, 2, …, whose infinite sum is m·r/(1+d−r) (Gupta &amp; Lehmann 2003's margin multiple).
    /// </summary>
    EndOfPeriod = 0,

    /// <summary>
    /// At the start of each period, the first one now: margins m·r<sup>t</sup>/(1+d)<sup>t</sup> for
    /// t = 0, 1, …, whose infinite sum is m·(1+d)/(1+d−r).
    /// </summary>
    StartOfPeriod = 1,
}
