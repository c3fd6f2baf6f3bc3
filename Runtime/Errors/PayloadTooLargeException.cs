namespace SagaFunctions.Runtime;

/// <summary>A serialized payload is larger than <see cref="DurableRuntimeOptions.MaxPayloadBytes"/>.</summary>
public sealed class PayloadTooLargeException : ArgumentException
{
    public PayloadTooLargeException(string what, long sizeBytes, long limitBytes)
        : base($"The {what} is {sizeBytes} bytes when serialized; the limit is {limitBytes} bytes (DurableRuntimeOptions.MaxPayloadBytes).")
    {
        What = what;
        SizeBytes = sizeBytes;
        LimitBytes = limitBytes;
    }

    public string What { get; }

    public long SizeBytes { get; }

    public long LimitBytes { get; }
}
