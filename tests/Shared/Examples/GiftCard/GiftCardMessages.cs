namespace SagaFunctions.Tests.Shared.Examples.GiftCard;

/// <summary>The gift-card budget to debit for one card.</summary>
public sealed record BudgetDebit(string CardId, decimal Amount);

/// <summary>A debit the ledger made (what <c>CreditBudget</c> reverses).</summary>
public sealed record BudgetReceipt(string DebitId);

/// <summary>The card to issue.</summary>
public sealed record CardOrder(string CardId, string Buyer, decimal Amount);

/// <summary>An issued card.</summary>
public sealed record IssuedCard(string CardNumber);
