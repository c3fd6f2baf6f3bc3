using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Sagas.Order;

/// <summary>Start request of the order saga: <c>{orderId, customerId, items:[{sku, quantity}], amount}</c>.</summary>
public sealed record OrderRequest(string OrderId, string CustomerId, IReadOnlyList<OrderItem> Items, decimal Amount) : ISagaRequest
{
    /// <summary>Most lines in one order.</summary>
    public const int MaxItems = 100;

    /// <summary>Largest quantity of one line.</summary>
    public const int MaxQuantity = 10_000;

    public IEnumerable<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        errors.RequireId(OrderId, "orderId");
        errors.RequireId(CustomerId, "customerId");
        if (errors.RequireList(Items, "items", MaxItems))
        {
            for (var i = 0; i < Items.Count; i++)
            {
                if (Items[i] is not { } item)
                {
                    errors.Add(new FieldError(RequestChecks.Indexed("items", i), "An order line is required."));
                    continue;
                }

                errors.RequireId(item.Sku, RequestChecks.Indexed("items", i, "sku"));
                errors.RequireRange(item.Quantity, RequestChecks.Indexed("items", i, "quantity"), 1, MaxQuantity);
            }
        }

        errors.RequireAmount(Amount, "amount");
        return errors;
    }
}
