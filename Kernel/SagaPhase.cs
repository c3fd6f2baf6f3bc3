using System.Text.Json.Serialization;

namespace SagaFunctions.Kernel;

/// <summary>Where a saga is; published in its custom status at every transition. The last five are final.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<SagaPhase>))]
public enum SagaPhase
{
    Running,
    Waiting,
    Compensating,
    Completed,
    Compensated,
    CompensationFailed,
    Cancelled,
    ManualInterventionRequired,
}
