using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Tests.Shared.Examples.GiftCard;

/// <summary>The gift card saga's outcome: <c>issued</c>, <c>failed</c> or <c>cancelled</c>, with the ids of what it did.</summary>
public sealed record GiftCardResult : SagaResult
{
    public required string CardId { get; init; }

    public string? DebitId { get; init; }

    public string? CardNumber { get; init; }
}
