using System.Text.RegularExpressions;

namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>
/// Makes two engines' answers comparable: what legitimately differs between them (generated ids, timestamps, the host's
/// base URL and the Functions binding's query string) is replaced by placeholders; everything else must be equal byte
/// for byte.
/// </summary>
internal static partial class Normalizer
{
    public static string Normalize(string text)
    {
        text = text.Replace("\\u0026", "&", StringComparison.Ordinal);
        text = BaseUrl().Replace(text, "<base>");
        text = BindingQuery().Replace(text, string.Empty);
        text = Timestamp().Replace(text, "<time>");
        text = GuidPattern().Replace(text, "<guid>");
        text = TraceId().Replace(text, string.Empty);
        text = HexId().Replace(text, "<hex>");
        return text;
    }

    [GeneratedRegex(@"https?://(localhost|127\.0\.0\.1)(:\d+)?")]
    private static partial Regex BaseUrl();

    [GeneratedRegex(@"[?&]taskHub=[^&""]*&connection=[^&""]*&code=[^&""]*")]
    private static partial Regex BindingQuery();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@",""traceId"":""[^""]*""")]
    private static partial Regex TraceId();

    [GeneratedRegex(@"(?<=_)[0-9a-f]{8,}|\b[0-9a-f]{16,}\b")]
    private static partial Regex HexId();
}
