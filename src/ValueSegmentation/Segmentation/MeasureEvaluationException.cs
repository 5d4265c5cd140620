namespace ValueSegmentation.Segmentation;

/// <summary>A measure could not give a customer a value: the model behind it rejected the customer's summary (for
/// example a mean spend the spend model cannot use, or a summary in another time unit), or returned NaN or an
/// infinity. The message names the measure and the customer; the inner exception, if any, says why.</summary>
/// <remarks>Immutable once thrown and safe to share between threads.</remarks>
public sealed class MeasureEvaluationException : ValueSegmentationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="measureName">The measure's name.</param>
    /// <param name="customerId">The customer's identifier.</param>
    /// <param name="reason">Why the value could not be given.</param>
    /// <param name="innerException">The exception the measure's model or function threw, if any.</param>
    public MeasureEvaluationException(string measureName, string customerId, string reason, Exception? innerException = null)
        : base($"The measure '{measureName}' cannot value customer '{customerId}': {reason}", "customer", innerException)
    {
        MeasureName = measureName;
        CustomerId = customerId;
    }

    /// <summary>The measure's name.</summary>
    public string MeasureName { get; }

    /// <summary>The customer's identifier.</summary>
    public string CustomerId { get; }
}
