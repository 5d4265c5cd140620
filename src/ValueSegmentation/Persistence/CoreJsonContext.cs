using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValueSegmentation.Persistence;

/// <summary>The source-generated (reflection-free, trimming- and AOT-safe) serialiser of the core's saved documents:
/// camelCase names, enums by name, infinities as "Infinity"/"-Infinity" (NaN is refused when the objects are rebuilt),
/// strict on read (no unknown property, every required one present, no null where a value is required).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(SavedDocumentHeader))]
[JsonSerializable(typeof(SegmenterDocument))]
[JsonSerializable(typeof(SnapshotDocument))]
internal sealed partial class CoreJsonContext : JsonSerializerContext
{
}
