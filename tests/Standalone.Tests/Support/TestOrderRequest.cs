using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Standalone.Tests.Support;

public sealed record TestOrderRequest(string? OrderId, string? CustomerId, IReadOnlyList<TestLine>? Items, decimal Amount) : ISagaRequest
{
    public IEnumerable<FieldError> Validate()
    {
        if (string.IsNullOrWhiteSpace(OrderId))
        {
            yield return new FieldError("orderId", "'orderId' is required.");
        }
        else if (OrderId.Length > 64)
        {
            yield return new FieldError("orderId", "'orderId' must be at most 64 characters.");
        }

        if (string.IsNullOrWhiteSpace(CustomerId))
        {
            yield return new FieldError("customerId", "'customerId' is required.");
        }

        if (Items is null || Items.Count == 0)
        {
            yield return new FieldError("items", "At least one item is required.");
        }
        else
        {
            for (var i = 0; i < Items.Count; i++)
            {
                if (Items[i].Quantity <= 0)
                {
                    yield return new FieldError($"items[{i}].quantity", "'quantity' must be positive.");
                }
            }
        }

        if (Amount <= 0)
        {
            yield return new FieldError("amount", "'amount' must be positive.");
        }
    }
}
