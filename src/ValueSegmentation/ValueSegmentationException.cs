namespace ValueSegmentation;

/// <summary>
/// The base of every exception the library defines. Each one reports bad input — a transaction, a customer, a
/// record of a file — and names it, so a service can map the whole family to a client error (HTTP 400) and
/// everything else to a server error.
/// </summary>
/// <remarks>
/// <para>It derives from <see cref="ArgumentException"/>, the family the library throws for bad arguments, so a
/// single <c>catch (ArgumentException)</c> also covers it; <see cref="ArgumentException.ParamName"/> names the
/// argument that carried the bad input.</para>
/// <para>Instances are immutable once thrown and safe to share between threads.</para>
/// </remarks>
public abstract class ValueSegmentationException : ArgumentException
{
    /// <summary>Initialises the exception.</summary>
    /// <param name="message">What is wrong, naming the offending input.</param>
    /// <param name="paramName">The argument that carried the input.</param>
    /// <param name="innerException">The exception that revealed the problem, if any.</param>
    protected ValueSegmentationException(string message, string? paramName, Exception? innerException)
        : base(message, paramName, innerException)
    {
    }
}
