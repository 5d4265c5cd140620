namespace ValueSegmentation;

/// <summary>
/// A saved document — a model, a segmenter, a snapshot — cannot be loaded: it is not valid JSON (a truncated file), it
/// is another kind of document or a newer version of the format, a value is missing, out of range or NaN, or it was
/// changed after it was written (its content hash no longer matches). Loading never falls back to a default.
/// </summary>
/// <remarks>Immutable once thrown and safe to share between threads.</remarks>
public sealed class SavedStateException : ValueSegmentationException
{
    private readonly string _message;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, and where.</param>
    /// <param name="documentPath">The JSON path of the offending value (for example "$.segmenter.minimums[1]"), or
    /// <see langword="null"/> when the problem is the whole document.</param>
    /// <param name="innerException">The exception that revealed the problem, if any.</param>
    public SavedStateException(string message, string? documentPath, Exception? innerException = null)
        : base(message, "json", innerException)
    {
        DocumentPath = documentPath;
        _message = message;
    }

    /// <summary>What is wrong, and where (without the "(Parameter 'json')" of an argument exception: the path says where).</summary>
    public override string Message => _message;

    /// <summary>The JSON path of the offending value, or <see langword="null"/> when the problem is the whole document.</summary>
    public string? DocumentPath { get; }
}
