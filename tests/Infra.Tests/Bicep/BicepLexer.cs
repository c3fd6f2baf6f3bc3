namespace SagaFunctions.Infra.Tests.Bicep;

/// <summary>
/// One pass over Bicep source that yields two views with the same length and line structure as the input:
/// <c>Code</c>, in which comments are blanked, and <c>Mask</c>, in which string contents are blanked as well
/// (interpolations <c>${...}</c> stay code), so that braces, colons and keywords inside strings never count.
/// </summary>
public static class BicepLexer
{
    private const char Filler = '_';

    public static (string Code, string Mask) Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var code = text.ToCharArray();
        var mask = text.ToCharArray();
        var interpolations = new Stack<int>();
        var depth = 0;
        var inString = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (inString)
            {
                if (c == '\\')
                {
                    Blank(mask, i, Math.Min(i + 2, text.Length));
                    i += 2;
                }
                else if (c == '\'')
                {
                    inString = false;
                    i++;
                }
                else if (c == '$' && next == '{')
                {
                    Blank(mask, i, i + 2);
                    interpolations.Push(depth);
                    inString = false;
                    i += 2;
                }
                else
                {
                    Blank(mask, i, i + 1);
                    i++;
                }

                continue;
            }

            if (c == '/' && next == '/')
            {
                var end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                Blank(code, i, end, ' ');
                Blank(mask, i, end, ' ');
                i = end;
            }
            else if (c == '/' && next == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var end = close < 0 ? text.Length : close + 2;
                Blank(code, i, end, ' ');
                Blank(mask, i, end, ' ');
                i = end;
            }
            else if (string.CompareOrdinal(text, i, "'''", 0, 3) == 0)
            {
                var close = text.IndexOf("'''", i + 3, StringComparison.Ordinal);
                var end = close < 0 ? text.Length : close;
                Blank(mask, i + 3, end);
                i = close < 0 ? text.Length : close + 3;
            }
            else if (c == '\'')
            {
                inString = true;
                i++;
            }
            else if (c == '{')
            {
                depth++;
                i++;
            }
            else if (c == '}')
            {
                if (interpolations.Count > 0 && interpolations.Peek() == depth)
                {
                    interpolations.Pop();
                    Blank(mask, i, i + 1);
                    inString = true;
                }
                else
                {
                    depth--;
                }

                i++;
            }
            else
            {
                i++;
            }
        }

        return (new string(code), new string(mask));
    }

    private static void Blank(char[] chars, int start, int end, char filler = Filler)
    {
        for (var k = start; k < end; k++)
        {
            if (chars[k] is not '\n' and not '\r')
            {
                chars[k] = filler;
            }
        }
    }
}
