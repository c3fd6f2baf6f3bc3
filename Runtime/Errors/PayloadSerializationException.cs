namespace SagaFunctions.Runtime;

/// <summary>A payload could not be serialized to, or deserialized from, JSON.</summary>
public sealed class PayloadSerializationException : ArgumentException
{
    public PayloadSerializationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
