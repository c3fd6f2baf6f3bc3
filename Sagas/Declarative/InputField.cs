namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// One field of a declarative saga's start request. <see cref="Type"/> is one of <see cref="InputTypes"/>; the checks
/// and their messages are those of the C# sagas' requests.
/// </summary>
/// <param name="Name">The camelCase field name.</param>
/// <param name="Type"><c>id</c>, <c>text</c>, <c>integer</c>, <c>amount</c>, <c>boolean</c>, <c>object</c> or <c>array</c>.</param>
/// <param name="Required">False when the field may be missing or null.</param>
/// <param name="Minimum">Smallest integer (for <c>integer</c>).</param>
/// <param name="Maximum">Largest integer (for <c>integer</c>).</param>
/// <param name="MaxLength">Longest text (for <c>text</c>; ids are at most 100 characters).</param>
/// <param name="MaxItems">Most entries (for <c>array</c>; at least one entry is always required).</param>
/// <param name="Fields">The fields of an <c>object</c>, or of each entry of an <c>array</c> of objects.</param>
/// <param name="Items">The entry type of an <c>array</c> of scalars (<c>id</c>, <c>text</c>, …).</param>
public sealed record InputField(
    string Name,
    string Type,
    bool Required = true,
    long? Minimum = null,
    long? Maximum = null,
    int? MaxLength = null,
    int? MaxItems = null,
    IReadOnlyList<InputField>? Fields = null,
    string? Items = null);
