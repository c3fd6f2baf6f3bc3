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

    /// <summary>
    /// The instance id a route value stands for. Routing leaves <c>%2F</c> encoded in route values, so an id sent as
    /// <c>acme%2F42</c> arrives with the escape still in it; decoding it here lets <see cref="Validate"/> refuse the
    /// <c>/</c> it stands for instead of storing <c>%2F</c> literally.
    /// </summary>
    public static string FromRoute(string routeValue)
    {
        ArgumentNullException.ThrowIfNull(routeValue);
        return routeValue.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(routeValue) : routeValue;
    }

    /// <summary>A new server-side id in Durable's format (32 hex digits). HTTP layer only, never orchestration code.</summary>
    public static string New() => Guid.NewGuid().ToString("N");
}
