using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Tests.Shared.Examples.GiftCard;

/// <summary>The start body of <c>POST /api/sagas/gift-card/{id}</c>: <c>{cardId, buyer, amount}</c>.</summary>
public sealed record GiftCardRequest(string CardId, string Buyer, decimal Amount) : ISagaRequest
{
    public IEnumerable<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        errors.RequireId(CardId, "cardId");
        errors.RequireId(Buyer, "buyer");
        errors.RequireAmount(Amount, "amount");
        return errors;
    }
}
