using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Sagas.Batch;

/// <summary>
/// Start request of the parallel batch saga: <c>{batchId, items:["a", "b", "c"]}</c> (the seed's
/// <c>{"batch_id": "456", "items": ["a", "b", "c"]}</c>, camelCased). Each item is any non-blank string of at most 100
/// characters (duplicates allowed: the index tells them apart); the saga processes each one, concurrently, through the
/// processing participant.
/// </summary>
public sealed record BatchRequest(string BatchId, IReadOnlyList<string> Items) : ISagaRequest
{
    /// <summary>Most items (parallel branches) in one batch.</summary>
    public const int MaxItems = 100;

    public IEnumerable<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        errors.RequireId(BatchId, "batchId");
        if (errors.RequireList(Items, "items", MaxItems))
        {
            for (var i = 0; i < Items.Count; i++)
            {
                errors.RequireId(Items[i], RequestChecks.Indexed("items", i));
            }
        }

        return errors;
    }
}
