namespace SagaFunctions.Participants.Infrastructure;

/// <summary>Opaque resource ids: a readable prefix and a random suffix (e.g. <c>pay_3f2a…</c>).</summary>
internal static class Ids
{
    public static string New(string prefix) => $"{prefix}_{Guid.NewGuid():N}";
}
