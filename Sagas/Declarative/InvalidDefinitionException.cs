namespace SagaFunctions.Sagas.Declarative;

/// <summary>Thrown at startup when definition files are invalid: the message lists every error with its file and JSON path.</summary>
public sealed class InvalidDefinitionException : Exception
{
    public InvalidDefinitionException()
        : this([])
    {
    }

    public InvalidDefinitionException(string message)
        : base(message)
    {
        Errors = [];
    }

    public InvalidDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public InvalidDefinitionException(IReadOnlyList<DefinitionError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<DefinitionError> Errors { get; }

    private static string Describe(IReadOnlyList<DefinitionError> errors) =>
        $"{errors.Count} error(s) in the declarative saga definitions:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
}
