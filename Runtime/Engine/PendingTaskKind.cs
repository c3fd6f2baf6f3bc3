namespace SagaFunctions.Runtime.Engine;

internal enum PendingTaskKind
{
    Activity,
    Timer,
    SubOrchestration,
}
