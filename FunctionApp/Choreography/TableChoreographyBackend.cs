using SagaFunctions.Http.Choreography;
using SagaFunctions.Sagas.Choreography;
using SagaFunctions.Sagas.Order;

namespace SagaFunctions.FunctionApp.Choreography;

/// <summary>The HTTP routes' view of the FunctionApp's choreographies: the Azure Table trail and the Storage Queues.</summary>
public sealed class TableChoreographyBackend(OrderChoreography handlers, TableChoreographyStore store) : IChoreographyBackend
{
    public string Name => OrderChoreography.Name;

    public Type RequestType => typeof(OrderRequest);

    public Task StartAsync(string id, object request, CancellationToken cancellationToken) =>
        store.StartAsync(id, OrderChoreography.Name, handlers.Start(id, (OrderRequest)request), cancellationToken);

    public Task<ChoreographyTrail?> GetAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);
}
