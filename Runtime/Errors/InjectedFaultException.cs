namespace SagaFunctions.Runtime;

/// <summary>Thrown by an activity that <see cref="FaultHooks.FailActivity"/> told to fail.</summary>
public sealed class InjectedFaultException : Exception
{
    public InjectedFaultException(string activityName, int attempt)
        : base($"Injected fault: activity '{activityName}' failed on attempt {attempt}.")
    {
        ActivityName = activityName;
        Attempt = attempt;
    }

    public string ActivityName { get; }

    public int Attempt { get; }
}
