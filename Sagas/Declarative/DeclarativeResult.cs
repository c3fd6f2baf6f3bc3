using System.Text.Json;
using System.Text.Json.Serialization;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// A declarative saga's result: the shared fields of every saga result (status, phase, compensations, warnings, error,
/// dead letters) plus the definition's <c>output</c> fields (e.g. <c>orderId</c>, <c>paymentId</c>), at the top level.
/// </summary>
public sealed record DeclarativeResult : SagaResult
{
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Fields { get; init; }
}
