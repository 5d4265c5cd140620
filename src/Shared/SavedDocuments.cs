using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ValueSegmentation.Shared;

/// <summary>A saved document: it has a format, a version of that format, and a hash of its content.</summary>
/// <remarks>Its format and version are read first, through <see cref="SavedDocumentHeader"/>.</remarks>
internal interface ISavedDocument
{
    /// <summary>The SHA-256 of the document written without this property, as 64 lower-case hex digits; absent in a
    /// document written by hand.</summary>
    string? ContentSha256 { get; set; }
}

/// <summary>Just the header of a saved document, read before the rest so that a newer version or another format is
/// reported as such rather than as an unknown property.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip)]
internal sealed class SavedDocumentHeader
{
    public string? Format { get; set; }

    public JsonElement FormatVersion { get; set; }
}

/// <summary>
/// Writes and reads the library's versioned JSON documents (linked into each package, each with its own
/// source-generated context): the header is checked first (format, then version), the whole document is then
/// deserialised strictly (required properties, no unknown ones, no nulls where a value is required), and the content
/// hash, when present, must match — so a truncated, edited or foreign file is an error that says which, never a
/// silent default.
/// </summary>
internal static class SavedDocuments
{
    /// <summary>The format version this library writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    public static string Serialize<T>(T document, JsonTypeInfo<T> typeInfo)
        where T : class, ISavedDocument
    {
        Stamp(document, typeInfo);
        return JsonSerializer.Serialize(document, typeInfo);
    }

    public static void Serialize<T>(Stream stream, T document, JsonTypeInfo<T> typeInfo)
        where T : class, ISavedDocument
    {
        ArgumentNullException.ThrowIfNull(stream);
        Stamp(document, typeInfo);
        JsonSerializer.Serialize(stream, document, typeInfo);
    }

    /// <summary>Reads a document of <paramref name="format"/>.</summary>
    /// <param name="json">The UTF-8 bytes.</param>
    /// <param name="format">The expected format.</param>
    /// <param name="what">What the document holds, in words, for messages ("segmenter").</param>
    /// <param name="header">The context's type info of <see cref="SavedDocumentHeader"/>.</param>
    /// <param name="typeInfo">The context's type info of the document.</param>
    /// <exception cref="SavedStateException">The document is not valid JSON, is of another format or a newer version,
    /// misses a property, has one it should not, or was changed after it was written.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> json, string format, string what, JsonTypeInfo<SavedDocumentHeader> header, JsonTypeInfo<T> typeInfo)
        where T : class, ISavedDocument
    {
        var head = Parse(json, header, what) ?? throw new SavedStateException($"The saved {what} is the JSON value null, not a document.", null);
        if (!string.Equals(head.Format, format, StringComparison.Ordinal))
        {
            throw new SavedStateException(
                head.Format is null
                    ? $"The saved {what} has no \"format\" property: it is not a document this library wrote (expected \"{format}\")."
                    : $"The document is a \"{head.Format}\", not a \"{format}\" (a saved {what}).",
                "$.format");
        }

        if (head.FormatVersion.ValueKind != JsonValueKind.Number || !head.FormatVersion.TryGetInt32(out int version) || version < 1)
        {
            throw new SavedStateException($"The saved {what} has no valid \"formatVersion\" (a whole number from 1): found {Describe(head.FormatVersion)}.", "$.formatVersion");
        }

        if (version > CurrentVersion)
        {
            throw new SavedStateException(
                $"The saved {what} is in format version {version}, written by a newer version of ValueSegmentation; this version reads format versions up to {CurrentVersion}. Update the ValueSegmentation packages to read it.",
                "$.formatVersion");
        }

        var document = Parse(json, typeInfo, what) ?? throw new SavedStateException($"The saved {what} is the JSON value null, not a document.", null);
        if (document.ContentSha256 is { } saved)
        {
            string actual = Stamp(document, typeInfo);
            document.ContentSha256 = saved;
            if (!string.Equals(saved, actual, StringComparison.OrdinalIgnoreCase))
            {
                throw new SavedStateException(
                    $"The saved {what} was changed after it was written: its content no longer matches its contentSha256 ({saved}). Restore the file as written; if you changed a value on purpose, remove the contentSha256 property (the document is then only validated).",
                    "$.contentSha256");
            }
        }

        return document;
    }

    /// <summary>Reads a whole stream into memory (documents are small: parameters, cut points, a report).</summary>
    public static byte[] ReadAll(Stream stream, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(stream, parameterName);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>A value from a saved document rebuilt through the library's constructors (or a provider's reader), whose
    /// argument and state checks become an error about the document.</summary>
    public static TValue Restore<TValue>(Func<TValue> restore, string what, string path)
    {
        try
        {
            return restore();
        }
        catch (Exception invalid) when (invalid is (ArgumentException or InvalidOperationException or FormatException or JsonException) and not SavedStateException)
        {
            string argument = invalid is ArgumentException { ParamName: { } name } ? $" ({name})" : string.Empty;
            throw new SavedStateException($"The saved {what} is invalid at {path}{argument}: {ExceptionText.WithoutParameter(invalid)}", path, invalid);
        }
    }



    /// <summary>Fails unless <paramref name="valid"/>, with the document path and what is wrong there.</summary>
    public static void Require(bool valid, string what, string path, string problem)
    {
        if (!valid)
        {
            throw new SavedStateException($"The saved {what} is invalid at {path}: {problem}", path);
        }
    }

    /// <summary>Fails unless <paramref name="value"/> is a finite number.</summary>
    public static void RequireFinite(double value, string what, string path) =>
        Require(double.IsFinite(value), what, path, $"{value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a finite number.");

    private static T? Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> typeInfo, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, typeInfo);
        }
        catch (JsonException invalid)
        {
            string where = invalid.LineNumber is { } line
                ? $" at line {line + 1}, byte {invalid.BytePositionInLine + 1}{(invalid.Path is { Length: > 0 } p ? $" ({p})" : string.Empty)}"
                : string.Empty;
            throw new SavedStateException($"The saved {what} cannot be read{where}: {FirstSentence(invalid.Message)} A truncated or hand-edited file is the usual cause.", invalid.Path, invalid);
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind == JsonValueKind.Undefined ? "nothing" : element.GetRawText();

    /// <summary>System.Text.Json's messages end with the path and position, which the caller states already.</summary>
    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd();
    }

    /// <summary>Sets the document's content hash: the SHA-256 of the document serialised without it.</summary>
    /// <returns>The hash.</returns>
    private static string Stamp<T>(T document, JsonTypeInfo<T> typeInfo)
        where T : class, ISavedDocument
    {
        document.ContentSha256 = null;
        document.ContentSha256 = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(document, typeInfo)));
        return document.ContentSha256;
    }
}
