namespace SagaFunctions.Sagas.Declarative;

/// <summary>One problem of a definition file: the file, the JSON path of the offending value, and what is wrong.</summary>
public sealed record DefinitionError(string File, string JsonPath, string Message)
{
    public override string ToString() => $"{File}: {JsonPath}: {Message}";
}
