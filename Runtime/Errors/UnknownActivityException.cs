namespace SagaFunctions.Runtime;

/// <summary>An orchestrator called an activity that is not registered.</summary>
public sealed class UnknownActivityException : InvalidOperationException
{
    public UnknownActivityException(string name)
        : base($"No activity named '{name}' is registered with the durable runtime.")
    {
        ActivityName = name;
    }

    public string ActivityName { get; }
}
