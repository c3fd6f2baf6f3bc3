namespace SagaFunctions.Runtime;

public static class OrchestrationStatusExtensions
{
    /// <summary>True for the terminal statuses: Completed, Failed, Terminated.</summary>
    public static bool IsFinished(this OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated;
}
