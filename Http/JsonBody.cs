using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SagaFunctions.Http;

/// <summary>
/// A request body read with a size limit and parsed as JSON. Either <see cref="Root"/> is set (an empty body gives
/// <see cref="IsEmpty"/>) or <see cref="Error"/> holds the 400/413 problem to return.
/// </summary>
public sealed class JsonBody
{
    private JsonBody(JsonElement? root, IResult? error)
    {
        Root = root;
        Error = error;
    }

    public JsonElement? Root { get; }

    public IResult? Error { get; }

    public bool IsEmpty => Error is null && Root is null;

    /// <summary>Reads the body (at most <paramref name="maxBytes"/>) and parses it; never throws on bad input.</summary>
    public static async Task<JsonBody> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return new JsonBody(null, HttpProblems.PayloadTooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return new JsonBody(null, HttpProblems.PayloadTooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0 || IsWhitespace(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            return new JsonBody(null, null);
        }

        try
        {
            var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            if (json.Span.StartsWith(Utf8Bom))
            {
                json = json[Utf8Bom.Length..];
            }

            if (!System.Text.Unicode.Utf8.IsValid(json.Span))
            {
                return new JsonBody(null, HttpProblems.Validation("$", "The body is not valid UTF-8 text."));
            }

            using var document = JsonDocument.Parse(json);
            return new JsonBody(document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return new JsonBody(null, HttpProblems.Validation("$", $"The body is not valid JSON: {ex.Message}"));
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static bool IsWhitespace(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
