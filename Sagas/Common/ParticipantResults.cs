using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;

namespace SagaFunctions.Sagas.Common;

/// <summary>
/// Maps participant answers to the kernel's shapes: a rejection becomes <see cref="StepResult.Reject{T}(string, string)"/>
/// (never retried); a compensation that is refused is a failure (retried, then dead-lettered), because an undo that the
/// participant will not do needs an operator. Technical failures (<see cref="ParticipantUnavailableException"/>) are not
/// caught anywhere here: they propagate and the kernel retries.
/// </summary>
public static class ParticipantResults
{
    public static StepResult<T> ToStep<T>(this ParticipantResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Succeeded ? StepResult.Ok(result.Value) : StepResult.Reject<T>(result.Code, result.Message);
    }

    /// <summary>The value of a compensation's answer; throws <see cref="CompensationRefusedException"/> on a rejection.</summary>
    public static T Undone<T>(this ParticipantResult<T> result, string operation)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Succeeded ? result.Value : throw new CompensationRefusedException(operation, result.Code, result.Message);
    }
}
