using System.Text;
using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Persistence;

/// <summary>
/// Saves a fitted segmenter — its cut points frozen, its segments with their rules and treatments — as a versioned JSON
/// document, and loads it back, for example in a service that assigns customers with the cut points a nightly job
/// fitted. The format ("value-segmentation/segmenter", version 1) is described in docs/services.md.
/// </summary>
/// <remarks>
/// <para>Measures are saved by name: the built-in ones by their <see cref="MeasureNames"/>, any other (a lifetime value
/// model, a function of your own) by the name you give it in <c>measures</c>, on saving and again on loading. A
/// segmenter that cuts on the probabilistic models' measures is saved together with the models in a
/// <see cref="SegmentationSnapshot"/>.</para>
/// <para>Loading checks everything: the format and its version (a newer version is refused, not guessed at), every
/// property present and none unknown, no NaN, cut points and segments consistent, the measures known, and the content
/// hash written with the document (a changed value is refused; remove <c>contentSha256</c> from a document you edit on
/// purpose). The hash detects accidental changes, not deliberate ones: it is not a signature.</para>
/// <para>Stateless and thread-safe. Serialisation is source-generated: no reflection, safe for trimming and Native AOT.</para>
/// </remarks>
/// <example>
/// <code>
/// string json = SegmenterJson.Serialize(result.Segmenter);
/// ICustomerSegmenter segmenter = SegmenterJson.Deserialize(json);
/// Segment segment = segmenter.Assign(customer);
/// </code>
/// </example>
public static class SegmenterJson
{
    /// <summary>The segmenter as a JSON document.</summary>
    /// <param name="segmenter">A segmenter of the library (threshold, quadrant or RFM).</param>
    /// <param name="measures">Names for the measures that are not built in; <see langword="null"/> when it cuts on
    /// built-in measures only.</param>
    /// <returns>The document, indented, UTF-16.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segmenter"/> is null.</exception>
    /// <exception cref="ArgumentException">The segmenter cuts on a measure that is neither built in nor named in
    /// <paramref name="measures"/>.</exception>
    /// <exception cref="NotSupportedException">The segmenter is not one of the library's.</exception>
    public static string Serialize(ICustomerSegmenter segmenter, IReadOnlyDictionary<string, CustomerMeasure>? measures = null) =>
        SavedDocuments.Serialize(Document(segmenter, measures), CoreJsonContext.Default.SegmenterDocument);

    /// <summary>Writes the segmenter as a JSON document (UTF-8) to a stream.</summary>
    /// <param name="utf8Json">The stream; left open.</param>
    /// <param name="segmenter">A segmenter of the library (threshold, quadrant or RFM).</param>
    /// <param name="measures">Names for the measures that are not built in, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A measure is neither built in nor named in <paramref name="measures"/>.</exception>
    /// <exception cref="NotSupportedException">The segmenter is not one of the library's.</exception>
    public static void Serialize(Stream utf8Json, ICustomerSegmenter segmenter, IReadOnlyDictionary<string, CustomerMeasure>? measures = null) =>
        SavedDocuments.Serialize(utf8Json, Document(segmenter, measures), CoreJsonContext.Default.SegmenterDocument);

    /// <summary>Loads a segmenter from a JSON document.</summary>
    /// <param name="json">The document.</param>
    /// <param name="measures">The measures named in the document that are not built in, by the names they were saved
    /// with; <see langword="null"/> when it cuts on built-in measures only.</param>
    /// <returns>The segmenter, with the saved cut points and segments.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="SavedStateException">The document cannot be loaded: the message says why and where.</exception>
    public static ICustomerSegmenter Deserialize(string json, IReadOnlyDictionary<string, CustomerMeasure>? measures = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromBytes(Encoding.UTF8.GetBytes(json), measures);
    }

    /// <summary>Loads a segmenter from a JSON document (UTF-8) in a stream, read to its end.</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <param name="measures">The measures named in the document that are not built in, or <see langword="null"/>.</param>
    /// <returns>The segmenter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="SavedStateException">The document cannot be loaded: the message says why and where.</exception>
    public static ICustomerSegmenter Deserialize(Stream utf8Json, IReadOnlyDictionary<string, CustomerMeasure>? measures = null) =>
        FromBytes(SavedDocuments.ReadAll(utf8Json, nameof(utf8Json)), measures);

    private static SegmenterDocument Document(ICustomerSegmenter segmenter, IReadOnlyDictionary<string, CustomerMeasure>? measures) => new()
    {
        Format = SegmenterDocument.FormatName,
        FormatVersion = SavedDocuments.CurrentVersion,
        Segmenter = SegmenterStates.ToState(segmenter, measure =>
            measures?.FirstOrDefault(m => ReferenceEquals(m.Value, measure)).Key ?? SegmenterStates.BuiltInKey(measure)),
    };

    private static ICustomerSegmenter FromBytes(byte[] json, IReadOnlyDictionary<string, CustomerMeasure>? measures)
    {
        var document = SavedDocuments.Deserialize(json, SegmenterDocument.FormatName, "segmenter", CoreJsonContext.Default.SavedDocumentHeader, CoreJsonContext.Default.SegmenterDocument);
        return SegmenterStates.FromState(
            document.Segmenter,
            key => measures is not null && measures.TryGetValue(key, out var measure) ? measure : SegmenterStates.BuiltIn(key),
            "$.segmenter");
    }
}
