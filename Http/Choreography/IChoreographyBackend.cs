namespace SagaFunctions.Http.Choreography;

/// <summary>
/// What a host's choreography transport does for the HTTP routes: record a new choreography with its first message
/// (Standalone: its SQLite queue; FunctionApp: an Azure Table and Storage Queues) and read one back.
/// </summary>
public interface IChoreographyBackend
{
    /// <summary>The choreography's name: the <c>{name}</c> of <c>/api/choreographies/{name}</c>.</summary>
    string Name { get; }

    /// <summary>The type a start body binds to, validated like a saga request.</summary>
    Type RequestType { get; }

    /// <summary>Records the choreography <paramref name="id"/> of <paramref name="request"/> (a <see cref="RequestType"/>) and publishes its first message.</summary>
    Task StartAsync(string id, object request, CancellationToken cancellationToken);

    /// <summary>The choreography's name, status and event trail, or null when there is none with this id.</summary>
    Task<ChoreographyTrail?> GetAsync(string id, CancellationToken cancellationToken);
}
