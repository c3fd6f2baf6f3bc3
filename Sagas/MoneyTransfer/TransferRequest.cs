using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Sagas.MoneyTransfer;

/// <summary>Start request of the money-transfer saga: <c>{transferId, fromAccount, toAccount, amount}</c>.</summary>
public sealed record TransferRequest(string TransferId, string FromAccount, string ToAccount, decimal Amount) : ISagaRequest
{
    public IEnumerable<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        errors.RequireId(TransferId, "transferId");
        errors.RequireId(FromAccount, "fromAccount");
        errors.RequireId(ToAccount, "toAccount");
        if (!string.IsNullOrWhiteSpace(FromAccount) && string.Equals(FromAccount, ToAccount, StringComparison.Ordinal))
        {
            errors.Add(new FieldError("toAccount", "'toAccount' must differ from 'fromAccount'."));
        }

        errors.RequireAmount(Amount, "amount");
        return errors;
    }
}
