using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValueSegmentation.Probabilistic.Persistence;

/// <summary>The source-generated (reflection-free, trimming- and AOT-safe) serialiser of the probabilistic package's
/// saved documents, with the core's settings (camelCase, enums by name, strict on read).</summary>
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
[JsonSerializable(typeof(ModelDocument))]
[JsonSerializable(typeof(ProbabilisticModelsState))]
internal sealed partial class ProbabilisticJsonContext : JsonSerializerContext
{
}
