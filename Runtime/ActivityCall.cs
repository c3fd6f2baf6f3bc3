namespace SagaFunctions.Runtime;

/// <summary>One execution of an activity, as the runtime hands it to an activity registered with <see cref="ActivityCall"/>.</summary>
/// <param name="InstanceId">The instance that scheduled the activity.</param>
/// <param name="Name">The activity's name.</param>
/// <param name="TraceParent">The instance's <see cref="StartOptions.TraceParent"/> (null when it was started without one).</param>
public sealed record ActivityCall(string InstanceId, string Name, string? TraceParent);
