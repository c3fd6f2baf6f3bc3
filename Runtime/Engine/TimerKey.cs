namespace SagaFunctions.Runtime.Engine;

internal readonly record struct TimerKey(string InstanceId, long Generation, int TaskId);
