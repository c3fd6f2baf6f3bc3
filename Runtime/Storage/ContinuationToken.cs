using System.Globalization;
using System.Text;

namespace SagaFunctions.Runtime.Storage;

/// <summary>Opaque paging token: base64url of "createdTicks|instanceId" of the last item returned.</summary>
internal static class ContinuationToken
{
    public static string Encode(long createdTicks, string instanceId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{createdTicks.ToString(CultureInfo.InvariantCulture)}|{instanceId}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (long CreatedTicks, string InstanceId) Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return (ticks, text[(bar + 1)..]);
            }
        }
        catch (FormatException)
        {
            // fall through to the clear error below
        }

        throw new ArgumentException($"The continuation token '{token}' is not one this runtime issued.", nameof(token));
    }
}
