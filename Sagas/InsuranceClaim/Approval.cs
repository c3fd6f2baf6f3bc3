using System.ComponentModel.DataAnnotations;

namespace SagaFunctions.Sagas.InsuranceClaim;

/// <summary>The <c>approval</c> event: <c>{approved, approver, reason}</c>.</summary>
public sealed record Approval(bool Approved, string? Approver = null, [property: DataType(DataType.MultilineText)] string? Reason = null);
