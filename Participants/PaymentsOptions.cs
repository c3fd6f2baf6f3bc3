namespace SagaFunctions.Participants;

/// <summary>Configuration section <c>Participants:Payments</c>.</summary>
public sealed class PaymentsOptions
{
    /// <summary>Charges above this amount are rejected with <c>over_limit</c>; exactly the limit is allowed.</summary>
    public decimal Limit { get; set; } = 500.00m;
}
