namespace SagaFunctions.Kernel;

/// <summary>
/// The one kernel exception for a failed activity or sub-orchestration. Engine adapters map their own failure
/// type to it (Durable: <c>TaskFailedException.FailureDetails.ErrorType/ErrorMessage</c>).
/// </summary>
public sealed class ActivityFailedException : Exception
{
    public ActivityFailedException(string activityName, string errorType, string errorMessage, Exception? innerException = null)
        : base($"Activity '{activityName}' failed: {errorType}: {errorMessage}", innerException)
    {
        ActivityName = activityName;
        ErrorType = errorType;
        ErrorMessage = errorMessage;
    }

    public string ActivityName { get; }

    /// <summary>Full type name of the exception thrown inside the activity.</summary>
    public string ErrorType { get; }

    public string ErrorMessage { get; }
}
