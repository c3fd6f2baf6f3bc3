using System.Text.RegularExpressions;

namespace SagaFunctions.Infra.Tests.Bicep;

/// <summary>
/// A Bicep file read just far enough for structural checks: declarations (<c>param</c>, <c>var</c>,
/// <c>module</c>, <c>resource</c>, <c>output</c>) and the properties of object literals. Structure is always
/// found on the mask (comments and string contents blanked), and text is read back from the same positions of
/// the comment-free code. It is not a Bicep compiler: it checks shape, not types.
/// </summary>
public sealed partial class BicepDocument
{
    private static readonly string[] ContinuationTokens = ["?", ":", ".", "&&", "||"];

    private readonly string _mask;

    public BicepDocument(string path, string text)
    {
        Path = path;
        Text = text;
        (Code, _mask) = BicepLexer.Scan(text);
        Modules = Declarations(ModuleRegex(), "module");
        Resources = Declarations(ResourceRegex(), "resource");
        Parameters = ReadParameters();
        Outputs = ReadOutputs();
    }

    /// <summary>Where the file came from (for messages).</summary>
    public string Path { get; }

    /// <summary>The raw text, comments included.</summary>
    public string Text { get; }

    /// <summary>The text with comments blanked; same length and line structure as <see cref="Text"/>.</summary>
    public string Code { get; }

    public IReadOnlyList<BicepDeclaration> Modules { get; }

    public IReadOnlyList<BicepDeclaration> Resources { get; }

    public IReadOnlyList<BicepParameter> Parameters { get; }

    public IReadOnlyList<BicepOutput> Outputs { get; }

    public string? TargetScope
    {
        get
        {
            var match = TargetScopeRegex().Match(_mask);
            return match.Success ? StringLiteralOf(Code.Substring(match.Groups[1].Index, match.Groups[1].Length)) : null;
        }
    }

    /// <summary>The value of <c>var name = ...</c>, or null when the file declares no such var.</summary>
    public BicepValue? Var(string name)
    {
        foreach (Match match in VarRegex().Matches(_mask))
        {
            if (string.Equals(Code.Substring(match.Groups[1].Index, match.Groups[1].Length), name, StringComparison.Ordinal))
            {
                return new BicepValue(this, match.Index + match.Length, ExpressionEnd(match.Index + match.Length));
            }
        }

        return null;
    }

    public BicepParameter? Parameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>Modules whose reference contains <paramref name="referencePart"/> (e.g. <c>avm/res/web/site:</c>).</summary>
    public IEnumerable<BicepDeclaration> ModulesReferencing(string referencePart) =>
        Modules.Where(m => m.Reference.Contains(referencePart, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// An expression as a string literal: itself when it is one, else the literal value of the var it names or the
    /// literal default of the param it names; null for anything computed.
    /// </summary>
    public string? ResolveString(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Trim();
        var literal = StringLiteralOf(text);
        if (literal is not null || !IdentifierRegex().IsMatch(text))
        {
            return literal;
        }

        var variable = Var(text);
        if (variable is not null)
        {
            return StringLiteralOf(variable.Text);
        }

        var parameter = Parameter(text);
        return parameter?.DefaultExpression is { } defaultExpression ? StringLiteralOf(defaultExpression) : null;
    }

    /// <summary>The content of a plain single-quoted literal without interpolation; null otherwise.</summary>
    public static string? StringLiteralOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || trimmed[0] != '\'' || trimmed[^1] != '\'' || trimmed.StartsWith("'''", StringComparison.Ordinal))
        {
            return null;
        }

        var inner = trimmed[1..^1];
        if (inner.Contains("${", StringComparison.Ordinal) || UnescapedQuoteRegex().IsMatch(inner))
        {
            return null;
        }

        return inner.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
    }

    internal IReadOnlyList<BicepProperty> PropertiesOf(BicepValue value)
    {
        var open = FirstNonWhitespace(value.Start, value.End);
        if (open < 0 || _mask[open] != '{')
        {
            return [];
        }

        var properties = new List<BicepProperty>();
        foreach (var (start, end) in Entries(open))
        {
            var colon = _mask.IndexOf(':', start, end - start);
            var key = colon < 0 ? string.Empty : Code[start..colon].Trim();
            if (colon < 0 || key.Length == 0 || key.StartsWith('@'))
            {
                continue;
            }

            properties.Add(new BicepProperty(key.Trim('\''), new BicepValue(this, colon + 1, end)));
        }

        return properties;
    }

    internal IReadOnlyList<BicepValue> ItemsOf(BicepValue value)
    {
        var open = FirstNonWhitespace(value.Start, value.End);
        if (open < 0 || _mask[open] != '[' || value.Text.StartsWith("[for", StringComparison.Ordinal))
        {
            return [];
        }

        return Entries(open).Select(e => new BicepValue(this, e.Start, e.End)).ToList();
    }

    /// <summary>
    /// The arguments of a call expression such as <c>union(a, b)</c>: the function name and each argument;
    /// null when the value is not a call.
    /// </summary>
    internal (string Function, IReadOnlyList<BicepValue> Arguments)? CallOf(BicepValue value)
    {
        var match = CallRegex().Match(value.Text);
        var start = FirstNonWhitespace(value.Start, value.End);
        if (!match.Success || start < 0)
        {
            return null;
        }

        var open = _mask.IndexOf('(', start, value.End - start);
        var close = MatchingClose(open);
        if (FirstNonWhitespace(close + 1, value.End) >= 0)
        {
            return null;
        }

        var arguments = SplitTopLevel(open, close, c => c == ',')
            .Where(part => FirstNonWhitespace(part.Start, part.End) >= 0)
            .Select(part => new BicepValue(this, part.Start, part.End))
            .ToList();

        return (match.Groups[1].Value, arguments);
    }

    /// <summary>Every value given to an <c>'azd-service-name'</c> tag, resolved to a literal where possible.</summary>
    public IReadOnlyList<string> AzdServiceNames()
    {
        var names = new List<string>();
        foreach (Match match in AzdServiceNameRegex().Matches(Code))
        {
            if (_mask[match.Index] != '\'')
            {
                continue;
            }

            var expression = Code.Substring(match.Groups[1].Index, match.Groups[1].Length);
            names.Add(ResolveString(expression) ?? expression);
        }

        return names;
    }

    private List<BicepDeclaration> Declarations(Regex regex, string keyword)
    {
        var declarations = new List<BicepDeclaration>();
        foreach (Match match in regex.Matches(_mask))
        {
            var symbol = Code.Substring(match.Groups["symbol"].Index, match.Groups["symbol"].Length);
            var referenceGroup = match.Groups["reference"];
            var reference = Code.Substring(referenceGroup.Index + 1, referenceGroup.Length - 2);
            var afterEquals = match.Index + match.Length;
            var first = FirstNonWhitespace(afterEquals, _mask.Length);
            int open;
            if (first >= 0 && _mask[first] == '[')
            {
                // [for x in xs: { ... }] (possibly over several lines): the body is the loop's object.
                var close = MatchingClose(first);
                open = _mask.IndexOf('{', first, close - first);
            }
            else
            {
                var lineEnd = _mask.IndexOf('\n', afterEquals);
                lineEnd = lineEnd < 0 ? _mask.Length : lineEnd;
                open = _mask.IndexOf('{', afterEquals, lineEnd - afterEquals);
            }

            var body = open < 0 ? null : new BicepValue(this, open, MatchingClose(open) + 1);
            declarations.Add(new BicepDeclaration(keyword, symbol, reference, match.Groups["existing"].Success, body));
        }

        return declarations;
    }

    private List<BicepParameter> ReadParameters()
    {
        var parameters = new List<BicepParameter>();
        foreach (Match match in ParamRegex().Matches(_mask))
        {
            var name = Code.Substring(match.Groups[1].Index, match.Groups[1].Length);
            var typeStart = match.Index + match.Length;
            var typeEnd = ExpressionEnd(typeStart, stopAtEquals: true);
            var type = Code[typeStart..typeEnd].Trim();
            string? defaultExpression = null;
            var afterType = FirstNonWhitespace(typeEnd, _mask.Length);
            if (afterType >= 0 && _mask[afterType] == '=' && !LineBreakBetween(typeEnd, afterType))
            {
                defaultExpression = Code[(afterType + 1)..ExpressionEnd(afterType + 1)].Trim();
            }

            parameters.Add(new BicepParameter(name, type, defaultExpression));
        }

        return parameters;
    }

    private List<BicepOutput> ReadOutputs()
    {
        var outputs = new List<BicepOutput>();
        foreach (Match match in OutputRegex().Matches(_mask))
        {
            var name = Code.Substring(match.Groups[1].Index, match.Groups[1].Length);
            var type = Code.Substring(match.Groups[2].Index, match.Groups[2].Length);
            var start = match.Index + match.Length;
            var expression = Code[start..ExpressionEnd(start)].Trim();
            outputs.Add(new BicepOutput(name, type, expression, PrecededBySecureDecorator(match.Index)));
        }

        return outputs;
    }

    private bool PrecededBySecureDecorator(int declarationIndex)
    {
        var lines = Code[..declarationIndex].Split('\n');
        for (var k = lines.Length - 1; k >= 0; k--)
        {
            var line = lines[k].Trim();
            if (line.Length == 0 && k == lines.Length - 1)
            {
                continue;
            }

            if (!line.StartsWith('@'))
            {
                return false;
            }

            if (line.StartsWith("@secure(", StringComparison.Ordinal) || line.StartsWith("@sys.secure(", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The spans between <paramref name="open"/> and <paramref name="close"/> separated by characters that stand outside
    /// any nested bracket; the last span (up to <paramref name="close"/>) is always included.
    /// </summary>
    private List<(int Start, int End)> SplitTopLevel(int open, int close, Func<char, bool> isSeparator)
    {
        var parts = new List<(int Start, int End)>();
        var depth = 0;
        var start = open + 1;
        for (var k = open + 1; k < close; k++)
        {
            var c = _mask[k];
            if (c is '{' or '[' or '(')
            {
                depth++;
            }
            else if (c is '}' or ']' or ')')
            {
                depth--;
            }
            else if (depth == 0 && isSeparator(c))
            {
                parts.Add((start, k));
                start = k + 1;
            }
        }

        parts.Add((start, close));
        return parts;
    }

    /// <summary>Splits the object or array opening at <paramref name="open"/> into its top-level entries.</summary>
    private List<(int Start, int End)> Entries(int open)
    {
        var raw = SplitTopLevel(open, MatchingClose(open), c => c is '\n' or ',');

        var merged = new List<(int Start, int End)>();
        foreach (var entry in raw)
        {
            var text = _mask[entry.Start..entry.End].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (merged.Count > 0 && StartsWithContinuation(text))
            {
                merged[^1] = (merged[^1].Start, entry.End);
            }
            else
            {
                merged.Add(entry);
            }
        }

        return merged;
    }

    /// <summary>End of the expression starting at <paramref name="start"/>: the first line break at bracket depth
    /// zero that is not followed by a continuation line (a line starting with ?, :, ., &amp;&amp; or ||).</summary>
    private int ExpressionEnd(int start, bool stopAtEquals = false)
    {
        var depth = 0;
        for (var k = start; k < _mask.Length; k++)
        {
            var c = _mask[k];
            if (c is '{' or '[' or '(')
            {
                depth++;
            }
            else if (c is '}' or ']' or ')')
            {
                if (depth == 0)
                {
                    return k;
                }

                depth--;
            }
            else if (depth == 0 && stopAtEquals && c == '=' && (k + 1 >= _mask.Length || _mask[k + 1] != '='))
            {
                return k;
            }
            else if (depth == 0 && c == '\n' && !NextLineContinues(k))
            {
                return k;
            }
        }

        return _mask.Length;
    }

    private bool NextLineContinues(int lineBreak)
    {
        var nextEnd = _mask.IndexOf('\n', lineBreak + 1);
        var next = _mask[(lineBreak + 1)..(nextEnd < 0 ? _mask.Length : nextEnd)].Trim();
        return StartsWithContinuation(next);
    }

    private static bool StartsWithContinuation(string text) =>
        ContinuationTokens.Any(token => text.StartsWith(token, StringComparison.Ordinal));

    private int MatchingClose(int open)
    {
        var depth = 0;
        for (var k = open; k < _mask.Length; k++)
        {
            var c = _mask[k];
            if (c is '{' or '[' or '(')
            {
                depth++;
            }
            else if (c is '}' or ']' or ')')
            {
                depth--;
                if (depth == 0)
                {
                    return k;
                }
            }
        }

        throw new FormatException($"{Path}: bracket opened at offset {open} is never closed.");
    }

    private int FirstNonWhitespace(int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (!char.IsWhiteSpace(_mask[k]))
            {
                return k;
            }
        }

        return -1;
    }

    private bool LineBreakBetween(int start, int end) => _mask.IndexOf('\n', start, end - start) >= 0;

    [GeneratedRegex(@"^[ \t]*module[ \t]+(?<symbol>\w+)[ \t]+(?<reference>'[^'\n]*')[ \t]*=", RegexOptions.Multiline)]
    private static partial Regex ModuleRegex();

    [GeneratedRegex(@"^[ \t]*resource[ \t]+(?<symbol>\w+)[ \t]+(?<reference>'[^'\n]*')[ \t]*(?<existing>existing[ \t]*)?=", RegexOptions.Multiline)]
    private static partial Regex ResourceRegex();

    [GeneratedRegex(@"^[ \t]*param[ \t]+(\w+)[ \t]+", RegexOptions.Multiline)]
    private static partial Regex ParamRegex();

    [GeneratedRegex(@"^[ \t]*var[ \t]+(\w+)[ \t]*=[ \t]*", RegexOptions.Multiline)]
    private static partial Regex VarRegex();

    [GeneratedRegex(@"^[ \t]*output[ \t]+(\w+)[ \t]+(\S+?)[ \t]*=[ \t]*", RegexOptions.Multiline)]
    private static partial Regex OutputRegex();

    [GeneratedRegex(@"^[ \t]*targetScope[ \t]*=[ \t]*('[^'\n]*')", RegexOptions.Multiline)]
    private static partial Regex TargetScopeRegex();

    [GeneratedRegex(@"^([A-Za-z_][\w.]*)\s*\(", RegexOptions.Singleline)]
    private static partial Regex CallRegex();

    [GeneratedRegex(@"'azd-service-name'\s*:\s*([^\s,}]+)")]
    private static partial Regex AzdServiceNameRegex();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex IdentifierRegex();

    [GeneratedRegex(@"(?<!\\)'")]
    private static partial Regex UnescapedQuoteRegex();
}
