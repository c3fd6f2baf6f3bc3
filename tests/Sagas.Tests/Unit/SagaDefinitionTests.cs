using System.Reflection;
using SagaFunctions.Kernel.Definitions;
using SagaFunctions.Sagas.Batch;
using SagaFunctions.Sagas.Catalog;
using SagaFunctions.Sagas.Deployment;
using SagaFunctions.Sagas.InsuranceClaim;
using SagaFunctions.Sagas.Migration;
using SagaFunctions.Sagas.MoneyTransfer;
using SagaFunctions.Sagas.Order;
using SagaFunctions.Sagas.Tests.Support;
using SagaFunctions.Sagas.Ticketing;

namespace SagaFunctions.Sagas.Tests.Unit;

/// <summary>Every C# saga's <see cref="SagaDefinition"/> held against its code: activities, events, outcomes.</summary>
public class SagaDefinitionTests
{
    /// <summary>Each saga route with the activities class its steps run.</summary>
    public static TheoryData<string, Type> SagaActivities => new()
    {
        { OrderSaga.Route, typeof(OrderActivities) },
        { MoneyTransferSaga.Route, typeof(MoneyTransferActivities) },
        { TicketingSaga.Route, typeof(TicketingActivities) },
        { DeploymentSaga.Route, typeof(DeploymentActivities) },
        { InsuranceClaimSaga.Route, typeof(InsuranceClaimActivities) },
        { MigrationSaga.Route, typeof(MigrationActivities) },
        { BatchSaga.Route, typeof(BatchActivities) },
    };

    [Fact]
    public void Sagas_EveryRegistration_HasADefinitionOfItsOwnRoute()
    {
        Assert.All(SagaCatalog.Sagas, s =>
        {
            Assert.NotNull(s.Definition);
            Assert.Equal(s.Route, s.Definition.Saga);
            Assert.Equal(SagaDefinition.CodeKind, s.Definition.Kind);
            Assert.False(string.IsNullOrWhiteSpace(s.Definition.Description));
        });
        Assert.Equal(SagaActivities.Count, SagaCatalog.Sagas.Count);
    }

    [Fact]
    public void Definition_StepsAndCompensations_NameRegisteredActivities()
    {
        var orchestrators = SagaCatalog.Orchestrators.Select(o => o.OrchestratorName).ToHashSet(StringComparer.Ordinal);
        foreach (var definition in SagaCatalog.Sagas.Select(s => s.Definition!))
        {
            AssertStepsAreRegistered(definition, orchestrators);
        }
    }

    private static void AssertStepsAreRegistered(SagaDefinition definition, HashSet<string> orchestrators)
    {
        var route = definition.Saga;
        foreach (var step in definition.Steps)
        {
            // A step is an activity, or a sub-orchestration naming the activity it runs.
            if (step.SubOrchestration is not null)
            {
                Assert.True(orchestrators.Contains(step.SubOrchestration), $"{route}: '{step.SubOrchestration}' of step '{step.Name}' is no registered orchestrator.");
            }

            var activity = step.Activity ?? step.Name;
            Assert.True(CatalogLookup.Activity(activity) is not null, $"{route}: '{activity}' of step '{step.Name}' is no registered activity.");

            foreach (var other in new[] { step.Compensation, step.BeforeCompensation })
            {
                Assert.True(other is null || CatalogLookup.Activity(other) is not null, $"{route}: '{other}' of step '{step.Name}' is no registered activity.");
            }

            Assert.InRange(step.MaxAttempts, 1, 100);
        }

        Assert.Equal(definition.Steps.Count, definition.Steps.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(SagaActivities))]
    public void Definition_EveryActivityOfTheSagasClass_Appears(string route, Type activities)
    {
        var definition = DefinitionOf(route);
        var named = definition.Steps
            .SelectMany(s => new[] { s.Activity ?? s.Name, s.Compensation, s.BeforeCompensation })
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var methods = activities.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType))
            .Select(m => m.Name)
            .ToList();

        Assert.NotEmpty(methods);
        Assert.All(methods, m => Assert.True(named.Contains(m), $"{route}: activity '{m}' of {activities.Name} is not in the definition."));
    }

    [Fact]
    public void Definition_Events_AreTheRegistrationsEventNamesAndWaitsAreAmongThem()
    {
        Assert.All(SagaCatalog.Sagas, s =>
        {
            Assert.Equal(s.EventNames.Order(StringComparer.Ordinal), s.Definition!.Events.Order(StringComparer.Ordinal));
            Assert.All(s.Definition.Waits, w =>
            {
                Assert.Contains(w.Event, s.EventNames);
                Assert.Contains(w.After, s.Definition.Steps.Select(x => x.Name));
                Assert.True(w.TimeoutSeconds > 0, $"{s.Route}: wait '{w.Event}' has no timeout.");
            });
        });
    }

    [Fact]
    public void Definition_ShapesOfTheReferenceSagas_AreTheDocumentedOnes()
    {
        Assert.Equal("CloseClaim", Assert.Single(DefinitionOf("insurance-claim").Steps, s => s.NonCritical).Name);
        Assert.Equal("PayClaim", Assert.Single(DefinitionOf("insurance-claim").Steps, s => s.Pivot).Name);
        Assert.Equal("SwitchTraffic", Assert.Single(DefinitionOf("migration").Steps, s => s.Pivot).Name);
        Assert.Equal(TimeSpan.FromMinutes(15).TotalSeconds, Assert.Single(DefinitionOf("ticketing").Waits).TimeoutSeconds);
        Assert.Equal(TimeSpan.FromDays(30).TotalSeconds, Assert.Single(DefinitionOf("insurance-claim").Waits).TimeoutSeconds);
        Assert.Equal(BatchSaga.ProcessItemsGroup, DefinitionOf("batch").Steps[0].ParallelGroup);
        Assert.Equal(
            ["ChargePayment", "ReserveInventory", "CreateShipment", "SendConfirmation"],
            DefinitionOf("order").Steps.Select(s => s.Name));
    }

    [Fact]
    public void Definition_Outcomes_IncludeEverySagaConstantAndCancelled()
    {
        Assert.All(SagaCatalog.Sagas, s => Assert.Contains("cancelled", s.Definition!.Outcomes));
        Assert.Equal(["paid", "rejected_invalid", "rejected", "timeout", "payment_failed", "failed", "cancelled"], DefinitionOf("insurance-claim").Outcomes);
        Assert.Equal(["confirmed", "sold_out", "payment_failed", "expired", "failed", "cancelled"], DefinitionOf("ticketing").Outcomes);
    }

    internal static SagaDefinition DefinitionOf(string route) =>
        CatalogLookup.Saga(route)?.Definition ?? throw new ArgumentException($"No definition for '{route}'.", nameof(route));
}
