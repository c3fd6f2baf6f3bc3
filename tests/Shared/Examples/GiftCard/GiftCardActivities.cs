using SagaFunctions.Kernel;

namespace SagaFunctions.Tests.Shared.Examples.GiftCard;

/// <summary>The example's activities: each public <c>Task&lt;T&gt; Name(input, CancellationToken)</c> is one activity.</summary>
public sealed class GiftCardActivities(GiftCardLedger ledger)
{
    public Task<StepResult<BudgetReceipt>> DebitBudget(StepInput<BudgetDebit> input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(ledger.Debit(input.IdempotencyKey, input.Data.Amount) is { } debitId
            ? StepResult.Ok(new BudgetReceipt(debitId))
            : StepResult.Reject<BudgetReceipt>("budget_exhausted", $"The gift card budget cannot pay {input.Data.Amount}."));
    }

    public Task<string> CreditBudget(CompensationInput<BudgetDebit, BudgetReceipt> input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ledger.Credit(input.StepResult!.DebitId, input.StepData.Amount);
        return Task.FromResult("compensated");
    }

    public Task<StepResult<IssuedCard>> IssueCard(StepInput<CardOrder> input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(ledger.Issue(input.IdempotencyKey) is { } number
            ? StepResult.Ok(new IssuedCard(number))
            : StepResult.Reject<IssuedCard>("card_limit", "No more cards can be issued."));
    }
}
