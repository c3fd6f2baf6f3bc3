namespace SagaFunctions.Runtime;

/// <summary>The SQLite store cannot be used: corrupt file, newer schema, or an I/O failure.</summary>
public sealed class DurableStoreException : InvalidOperationException
{
    public DurableStoreException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
