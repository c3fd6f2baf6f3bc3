using System.Text.Json.Serialization;

namespace SagaFunctions.Kernel;

/// <summary>Why a saga stopped going forward.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<SagaFailureKind>))]
public enum SagaFailureKind
{
    /// <summary>A participant said no (insufficient funds, sold out): data, never retried.</summary>
    Rejected,

    /// <summary>A step exhausted its retries: its effect is in doubt.</summary>
    Failed,

    /// <summary>The cooperative cancel event arrived.</summary>
    Cancelled,

    /// <summary>The saga's own deadline passed.</summary>
    DeadlineExceeded,

    /// <summary>A step after the pivot exhausted forward recovery: no backward recovery is possible.</summary>
    ManualInterventionRequired,
}
