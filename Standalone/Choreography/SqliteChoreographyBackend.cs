using SagaFunctions.Http.Choreography;
using SagaFunctions.Sagas.Choreography;
using SagaFunctions.Sagas.Order;

namespace SagaFunctions.Standalone.Choreography;

/// <summary>The HTTP routes' view of Standalone's choreography queue: starts go into the SQLite store and wake the dispatcher.</summary>
public sealed class SqliteChoreographyBackend(OrderChoreography handlers, ChoreographyStore store, ChoreographyDispatcher dispatcher, TimeProvider time) : IChoreographyBackend
{
    public string Name => OrderChoreography.Name;

    public Type RequestType => typeof(OrderRequest);

    public Task StartAsync(string id, object request, CancellationToken cancellationToken)
    {
        store.TryStart(id, OrderChoreography.Name, time.GetUtcNow(), handlers.Start(id, (OrderRequest)request));
        dispatcher.Signal();
        return Task.CompletedTask;
    }

    public Task<ChoreographyTrail?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(store.Get(id) is { } found ? new ChoreographyTrail(found.Name, found.Status, found.Events) : null);
}
