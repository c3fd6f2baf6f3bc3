namespace SagaFunctions.Runtime;

/// <summary>The machine's clock.</summary>
public sealed class SystemClock : IRuntimeClock
{
    public static SystemClock Instance { get; } = new();

    public DateTime UtcNow => DateTime.UtcNow;

    public bool IsVirtual => false;

    event EventHandler? IRuntimeClock.Advanced
    {
        add { }
        remove { }
    }
}
