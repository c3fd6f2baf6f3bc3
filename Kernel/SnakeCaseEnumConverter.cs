using System.Text.Json;
using System.Text.Json.Serialization;

namespace SagaFunctions.Kernel;

/// <summary>
/// Writes an enum as a snake_case string (<c>CompensationFailed</c> → <c>compensation_failed</c>), the one casing of
/// every enum value the API writes, matching the outcome strings. Reads both that and the member name.
/// </summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower)
    where TEnum : struct, Enum;
