namespace SagaFunctions.FunctionApp.Tests.Scenarios;

/// <summary>The participants' state as text (balances, stock, seats; compared whole) and the sum of all balances.</summary>
internal sealed record ParticipantState(string Text, decimal TotalBalance);
