using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Kernel.Definitions;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Tests.Shared.Examples.GiftCard;

/// <summary>
/// The README's example of adding a saga: debit the gift card budget → issue the card. A refused card gives the budget
/// back. Everything the hosts need is declared here, in the saga's folder (<see cref="Declaration"/>).
/// </summary>
public static class GiftCardSaga
{
    public const string Route = "gift-card";

    public const string Issued = "issued";

    public const string Failed = "failed";

    public static SagaDefinition Definition { get; } = new(
        Route,
        SagaDefinition.CodeKind,
        "1",
        "Debit the gift card budget, then issue the card; a refused card gives the budget back.",
        [
            new(nameof(GiftCardActivities.DebitBudget), nameof(GiftCardActivities.CreditBudget), MaxAttempts: SagaOptions.Default.StepRetry.MaxAttempts),
            new(nameof(GiftCardActivities.IssueCard), null, MaxAttempts: SagaOptions.Default.StepRetry.MaxAttempts),
        ],
        [],
        [Saga.CancelEventName],
        [Issued, Failed, SagaEnd.CancelledStatus]);

    public static SagaDeclaration Declaration { get; } = SagaDeclaration.For<GiftCardRequest, GiftCardResult>(Route, nameof(GiftCardSaga), RunAsync, Definition)
        .WithActivities<GiftCardActivities>();

    public static async Task<GiftCardResult> RunAsync(IOrchestrationContext context)
    {
        var request = SagaInputs.Require<GiftCardRequest>(context);
        var saga = new Saga(context, Route);
        var result = new GiftCardResult { Status = Failed, CardId = request.CardId };
        try
        {
            var debit = await saga.Step<BudgetReceipt>(nameof(GiftCardActivities.DebitBudget), new BudgetDebit(request.CardId, request.Amount))
                .CompensateWith(nameof(GiftCardActivities.CreditBudget));
            result = result with { DebitId = debit.DebitId };

            var card = await saga.Step<IssuedCard>(nameof(GiftCardActivities.IssueCard), new CardOrder(request.CardId, request.Buyer, request.Amount));
            return saga.Succeed(result with { Status = Issued, CardNumber = card.CardNumber });
        }
        catch (SagaFailedException ex)
        {
            // Undo what ran, newest first; "cancelled" instead of "failed" when the cancel event stopped it.
            return await saga.CompensateAndEndAsync(ex.Failure, result, Failed);
        }
    }
}
