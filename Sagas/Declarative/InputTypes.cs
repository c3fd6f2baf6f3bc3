namespace SagaFunctions.Sagas.Declarative;

/// <summary>The field types of a declarative saga's input schema.</summary>
public static class InputTypes
{
    /// <summary>A non-blank string of at most 100 characters without control characters (ids, skus, account numbers).</summary>
    public const string Id = "id";

    /// <summary>A non-blank string (line breaks allowed) of at most <c>maxLength</c> characters (default 2000).</summary>
    public const string Text = "text";

    /// <summary>A whole number between <c>minimum</c> and <c>maximum</c>.</summary>
    public const string WholeNumber = "integer";

    /// <summary>Money: greater than zero, at most 1,000,000,000, at most two decimal places.</summary>
    public const string Amount = "amount";

    public const string Boolean = "boolean";

    /// <summary>A nested object with its own <c>fields</c>.</summary>
    public const string Nested = "object";

    /// <summary>One to <c>maxItems</c> entries: objects (<c>fields</c>) or scalars (<c>items</c>).</summary>
    public const string Array = "array";

    public static IReadOnlyList<string> All { get; } = [Id, Text, WholeNumber, Amount, Boolean, Nested, Array];

    /// <summary>The types an array of scalars may hold.</summary>
    public static IReadOnlyList<string> Scalars { get; } = [Id, Text, WholeNumber, Amount, Boolean];
}
