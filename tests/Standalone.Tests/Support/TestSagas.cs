using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Sagas.InsuranceClaim;
using SagaFunctions.Sagas.Ticketing;

namespace SagaFunctions.Standalone.Tests.Support;

/// <summary>
/// A small catalog for the contract tests (the reference sagas' real catalog is exercised end to end): the route
/// names and request shapes of docs/architecture.md ("HTTP contract"), with validation like the real requests and the real event payload types.
/// </summary>
public static class TestSagas
{
    public const string OrderOrchestrator = "TestOrderSaga";
    public const string TicketingOrchestrator = "TestTicketingSaga";
    public const string ClaimOrchestrator = "TestClaimSaga";

    public static IReadOnlyList<SagaDeclaration> All { get; } =
    [
        new("order", OrderOrchestrator, typeof(TestOrderRequest), [], _ => Task.FromResult<object?>(null)),
        new("ticketing", TicketingOrchestrator, typeof(TestTicketRequest), ["payment"], _ => Task.FromResult<object?>(null))
        {
            EventPayloads = new Dictionary<string, Type>(StringComparer.Ordinal) { ["payment"] = typeof(PaymentConfirmation) },
        },
        new("insurance-claim", ClaimOrchestrator, typeof(TestClaimRequest), ["approval"], _ => Task.FromResult<object?>(null))
        {
            EventPayloads = new Dictionary<string, Type>(StringComparer.Ordinal) { ["approval"] = typeof(Approval) },
        },
    ];
}
