using System.Globalization;

namespace SagaFunctions.Participants.Infrastructure;

internal static class Timestamps
{
    /// <summary>Round-trip ISO 8601, UTC: sortable as text.</summary>
    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
