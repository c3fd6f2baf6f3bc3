using System.ComponentModel.DataAnnotations;

namespace SagaFunctions.Http;

/// <summary>The body of <c>POST /api/sagas/{saga}/{instanceId}/retry</c>: <c>{note}</c>, the operator's note (optional).</summary>
public sealed record RetryStepBody([property: DataType(DataType.MultilineText)] string? Note);
