namespace SagaFunctions.Runtime.Engine;

/// <summary>Rules for instance ids and names: non-empty, at most 256 characters, no control characters.</summary>
internal static class InstanceIds
{
    public const int MaxLength = 256;

    public static void Validate(string instanceId, string parameterName = "instanceId")
    {
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            throw new ArgumentException("The instance id must not be empty.", parameterName);
        }

        if (instanceId.Length > MaxLength)
        {
            throw new ArgumentException($"The instance id is {instanceId.Length} characters; at most {MaxLength} are allowed.", parameterName);
        }

        foreach (var c in instanceId)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException("The instance id must not contain control characters.", parameterName);
            }
        }
    }
}
