using System.Globalization;

namespace SagaFunctions.Tests.Shared.Examples.GiftCard;

/// <summary>
/// The gift card service of the example, in memory: a budget that cards are paid from and the cards issued, both
/// idempotent on the step's key (a retried or replayed call answers what the first call did).
/// </summary>
public sealed class GiftCardLedger(decimal budget)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _debits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _cards = new(StringComparer.Ordinal);

    /// <summary>The budget left.</summary>
    public decimal Budget
    {
        get
        {
            lock (_gate)
            {
                return budget;
            }
        }
    }

    /// <summary>When true, issuing a card is refused (<c>card_limit</c>), so the saga has to give the budget back.</summary>
    public bool RefuseCards { get; set; }

    /// <summary>Debits <paramref name="amount"/> once per <paramref name="key"/>; null when the budget is too small.</summary>
    public string? Debit(string key, decimal amount)
    {
        lock (_gate)
        {
            if (_debits.TryGetValue(key, out var done))
            {
                return done;
            }

            if (amount > budget)
            {
                return null;
            }

            budget -= amount;
            return _debits[key] = $"debit-{_debits.Count + 1}";
        }
    }

    /// <summary>Gives a debit back once (a second call for the same debit changes nothing).</summary>
    public void Credit(string debitId, decimal amount)
    {
        lock (_gate)
        {
            var key = _debits.FirstOrDefault(d => d.Value == debitId).Key;
            if (key is not null && _debits.Remove(key))
            {
                budget += amount;
            }
        }
    }

    /// <summary>Issues a card once per <paramref name="key"/>; null when refused (<see cref="RefuseCards"/>).</summary>
    public string? Issue(string key)
    {
        lock (_gate)
        {
            if (_cards.TryGetValue(key, out var card))
            {
                return card;
            }

            return RefuseCards ? null : _cards[key] = string.Create(CultureInfo.InvariantCulture, $"GC-{_cards.Count + 1:0000}");
        }
    }
}
