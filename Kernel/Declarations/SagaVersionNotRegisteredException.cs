namespace SagaFunctions.Kernel.Declarations;

/// <summary>
/// An instance's recorded version is not registered any more: the instance fails with this error rather than run
/// another version's code. Deploy the version again to run such instances, or wait until none is left before removing it.
/// </summary>
public sealed class SagaVersionNotRegisteredException : InvalidOperationException
{
    public SagaVersionNotRegisteredException()
    {
    }

    public SagaVersionNotRegisteredException(string message)
        : base(message)
    {
    }

    public SagaVersionNotRegisteredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SagaVersionNotRegisteredException(string saga, string version, IReadOnlyList<string> registered)
        : base($"Saga '{saga}' version '{version}' is not registered (registered: {string.Join(", ", registered)}); " +
               $"the instance started with version '{version}' and does not run another version's code. " +
               $"Deploy version '{version}' again to run it.")
    {
        Saga = saga;
        Version = version;
        Registered = registered;
    }

    /// <summary>The saga's route name.</summary>
    public string? Saga { get; }

    /// <summary>The version the instance recorded.</summary>
    public string? Version { get; }

    /// <summary>The versions that are registered.</summary>
    public IReadOnlyList<string> Registered { get; } = [];
}
