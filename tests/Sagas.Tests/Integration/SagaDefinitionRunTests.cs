using System.Text.Json;
using System.Text.RegularExpressions;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Kernel.Definitions;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Batch;
using SagaFunctions.Sagas.Deployment;
using SagaFunctions.Sagas.InsuranceClaim;
using SagaFunctions.Sagas.Migration;
using SagaFunctions.Sagas.MoneyTransfer;
using SagaFunctions.Sagas.Order;
using SagaFunctions.Sagas.Tests.Support;
using SagaFunctions.Sagas.Ticketing;

namespace SagaFunctions.Sagas.Tests.Integration;

/// <summary>
/// Runs every C# saga on the embedded runtime, once to success and once into compensation, and holds the step names its
/// timeline publishes against its <see cref="SagaDefinition"/>: a step the code runs but the definition does not name
/// (or names differently) fails here.
/// </summary>
public partial class SagaDefinitionRunTests
{
    private const string Id = "def-1";

    [Theory]
    [InlineData("order", false)]
    [InlineData("order", true)]
    [InlineData("money-transfer", false)]
    [InlineData("money-transfer", true)]
    [InlineData("ticketing", false)]
    [InlineData("ticketing", true)]
    [InlineData("deployment", false)]
    [InlineData("deployment", true)]
    [InlineData("insurance-claim", false)]
    [InlineData("insurance-claim", true)]
    [InlineData("migration", false)]
    [InlineData("migration", true)]
    [InlineData("batch", false)]
    [InlineData("batch", true)]
    public async Task Run_TimelineStepNames_AreStepsOfTheDefinition(string route, bool compensated)
    {
        await using var h = await SagaHarness.StartAsync();
        var registration = CatalogLookup.Saga(route)!;

        var output = await RunAsync(h, registration, compensated);

        using var progress = JsonDocument.Parse((await h.Client.GetStatusAsync(Id))!.SerializedCustomStatus!);
        var published = progress.RootElement.GetProperty("timeline").EnumerateArray()
            .Select(t => t.GetProperty("step").GetString()!)
            .ToList();
        var known = NamesOf(registration.Definition!);
        Assert.NotEmpty(published);
        Assert.All(published, step => Assert.True(known.Contains(Unindexed(step)), $"{route}: timeline step '{step}' is not in the definition ({string.Join(", ", known)})."));
        Assert.Contains(output.GetProperty("status").GetString(), registration.Definition!.Outcomes);
        var compensations = output.GetProperty("compensations").GetArrayLength();
        Assert.True(compensated ? compensations > 0 : compensations == 0, $"{route}: {compensations} compensations ran.");
    }

    /// <summary>The names a timeline may publish: the saga, its steps, parallel groups and waited-for events.</summary>
    private static HashSet<string> NamesOf(SagaDefinition definition) =>
    [
        definition.Saga,
        .. definition.Steps.Select(s => s.Name),
        .. definition.Steps.Select(s => s.ParallelGroup).OfType<string>(),
        .. definition.Waits.Select(w => w.Event),
    ];

    private static string Unindexed(string step) => IndexSuffix().Replace(step, string.Empty);

    [GeneratedRegex(@"\[[^\]]*\]$")]
    private static partial Regex IndexSuffix();

    private static async Task<JsonElement> RunAsync(SagaHarness h, SagaDeclaration saga, bool compensated)
    {
        switch (saga.Route)
        {
            case OrderSaga.Route:
                return await OutputAsync(h, saga, new OrderRequest(Id, "cust-1", [new OrderItem(compensated ? "ITEM-003" : "ITEM-001", 1)], 20m));
            case MoneyTransferSaga.Route:
                if (compensated)
                {
                    await h.FailAsync(ParticipantCatalog.Accounts, "record");
                }

                return await OutputAsync(h, saga, new TransferRequest(Id, "ACC-001", "ACC-002", 10m));
            case TicketingSaga.Route:
                await h.StartAsync(saga.OrchestratorName, new TicketRequest(Id, "EVT-001", ["A1"], "cust-1", 25m), Id);
                await h.RaiseAsync(Id, TicketingSaga.PaymentEvent, compensated ? new PaymentConfirmation(false, null, "declined") : new PaymentConfirmation(true, "pay-1"));
                return await h.OutputAsync<JsonElement>(Id);
            case DeploymentSaga.Route:
                if (compensated)
                {
                    await h.FailAsync(ParticipantCatalog.Environments, "dns");
                }

                return await OutputAsync(h, saga, new DeploymentRequest(Id, "1.0.0", "app:1.0.0"));
            case InsuranceClaimSaga.Route:
                await h.StartAsync(saga.OrchestratorName, new ClaimRequest(Id, "POL-100", "cust-1", 300m, "Broken arm"), Id);
                await h.RaiseAsync(Id, InsuranceClaimSaga.ApprovalEvent, new Approval(!compensated, "dr-1", compensated ? "not covered" : "covered"));
                return await h.OutputAsync<JsonElement>(Id);
            case MigrationSaga.Route:
                if (compensated)
                {
                    await h.FailAsync(ParticipantCatalog.Migration, "verify");
                }

                return await OutputAsync(h, saga, new MigrationRequest(Id, "orders", 30, 3));
            default:
                if (compensated)
                {
                    await h.FailAsync(ParticipantCatalog.Processing, "process", $"{Id}:{BatchSaga.BranchName(1)}");
                }

                return await OutputAsync(h, saga, new BatchRequest(Id, ["a", "b", "c"]));
        }
    }

    private static async Task<JsonElement> OutputAsync(SagaHarness h, SagaDeclaration saga, object request) =>
        await h.RunAsync<JsonElement>(saga.OrchestratorName, request, Id);
}
