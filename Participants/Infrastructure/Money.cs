namespace SagaFunctions.Participants.Infrastructure;

/// <summary>Amounts are stored as integer cents so SQLite never does floating-point money arithmetic.</summary>
internal static class Money
{
    public static long ToCents(decimal amount) => decimal.ToInt64(decimal.Round(amount * 100m, 0, MidpointRounding.ToEven));

    /// <summary>Always with two decimals (1000.00, not 1000).</summary>
    public static decimal FromCents(long cents) => (cents / 100m) + 0.00m;

    /// <summary>True when the amount has at most two decimal places.</summary>
    public static bool HasCents(decimal amount) => decimal.Round(amount, 2) == amount;
}
