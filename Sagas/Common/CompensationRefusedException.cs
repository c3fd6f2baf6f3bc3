namespace SagaFunctions.Sagas.Common;

/// <summary>A participant refused an undo (e.g. the original operation cannot be found by its key): retried, then dead-lettered.</summary>
public sealed class CompensationRefusedException : Exception
{
    public CompensationRefusedException()
    {
    }

    public CompensationRefusedException(string message)
        : base(message)
    {
    }

    public CompensationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CompensationRefusedException(string operation, string code, string message)
        : base($"{operation} was refused: {code}: {message}")
    {
        Code = code;
    }

    /// <summary>The participant's rejection code.</summary>
    public string? Code { get; }
}
