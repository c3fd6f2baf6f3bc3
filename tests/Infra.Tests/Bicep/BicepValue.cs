namespace SagaFunctions.Infra.Tests.Bicep;

/// <summary>An expression in a <see cref="BicepDocument"/>: the span [Start, End) of its comment-free code.</summary>
public sealed record BicepValue(BicepDocument Document, int Start, int End)
{
    public string Text => Document.Code[Start..End].Trim();

    public bool IsObject => Text.StartsWith('{');

    public bool IsArray => Text.StartsWith('[');

    /// <summary>The content of a plain string literal (no interpolation), or null for any other expression.</summary>
    public string? StringLiteral => BicepDocument.StringLiteralOf(Text);

    /// <summary>This value as a string literal, following an identifier to a var's value or a param's default.</summary>
    public string? ResolveString() => Document.ResolveString(Text);

    public IReadOnlyList<BicepProperty> Properties() => Document.PropertiesOf(this);

    public IReadOnlyList<BicepValue> Items() => Document.ItemsOf(this);

    /// <summary>The value of a top-level property of this object, or null when absent or not an object.</summary>
    public BicepValue? Property(string key) =>
        Properties().FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal))?.Value;

    /// <summary>Follows a path of nested object properties, e.g. <c>Path("functionAppConfig", "runtime")</c>.</summary>
    public BicepValue? Path(params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        BicepValue? current = this;
        foreach (var key in keys)
        {
            current = current?.Property(key);
        }

        return current;
    }

    public override string ToString() => Text;
}
