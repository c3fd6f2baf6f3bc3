namespace SagaFunctions.Http;

/// <summary>Rules for caller-chosen instance ids (Durable's: non-empty, at most 100 characters, no / \ # ? or control characters).</summary>
public static class InstanceIds
{
    public const int MaxLength = 100;

    /// <summary>Null when <paramref name="instanceId"/> is acceptable, otherwise the reason it is not.</summary>
    public static string? Validate(string? instanceId)
    {
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            return "The instance id must not be empty.";
        }

        if (instanceId.Length > MaxLength)
        {
            return $"The instance id must be at most {MaxLength} characters.";
        }

        foreach (var c in instanceId)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                return "The instance id must not contain '/', '\\', '#', '?' or control characters.";
            }
        }

        return null;
    }

    /// <summary>A new server-side id in Durable's format (32 hex digits). HTTP layer only, never orchestration code.</summary>
    public static string New() => Guid.NewGuid().ToString("N");
}
