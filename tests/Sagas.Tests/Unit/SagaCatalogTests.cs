using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using SagaFunctions.Kernel;
using SagaFunctions.Kernel.DeadLetters;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Catalog;
using SagaFunctions.Sagas.DeadLetters;
using SagaFunctions.Sagas.Declarative;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Unit;

public class SagaCatalogTests
{
    private static readonly Type[] ActivityClasses = [.. typeof(SagaCatalog).Assembly.GetTypes()
        .Where(t => t.IsClass && t.IsSealed && t.IsPublic && t.Name.EndsWith("Activities", StringComparison.Ordinal))];

    [Fact]
    public void Sagas_Routes_AreTheContractNames()
    {
        Assert.Equal(
            ["order", "money-transfer", "ticketing", "deployment", "insurance-claim", "migration", "batch"],
            SagaCatalog.Sagas.Select(s => s.Route));
    }

    [Fact]
    public void Sagas_OrchestratorNames_AreTheSagaClassNames()
    {
        Assert.Equal(
            ["OrderSaga", "MoneyTransferSaga", "TicketingSaga", "DeploymentSaga", "InsuranceClaimSaga", "MigrationSaga", "BatchSaga"],
            SagaCatalog.Sagas.Select(s => s.OrchestratorName));
    }

    [Fact]
    public void Sagas_EventNames_AlwaysIncludeCancel()
    {
        Assert.All(SagaCatalog.Sagas, s => Assert.Contains(Saga.CancelEventName, s.EventNames));
        Assert.Equal(["payment", "cancel"], CatalogLookup.Saga("ticketing")!.EventNames);
        Assert.Equal(["approval", "cancel"], CatalogLookup.Saga("insurance-claim")!.EventNames);
    }

    [Fact]
    public void Sagas_EveryEvent_DeclaresItsPayloadType()
    {
        Assert.All(SagaCatalog.Sagas, s => Assert.Equal(s.EventNames.Order(StringComparer.Ordinal), s.EventPayloads.Keys.Order(StringComparer.Ordinal)));
        Assert.Equal(typeof(Ticketing.PaymentConfirmation), CatalogLookup.Saga("ticketing")!.EventPayloads["payment"]);
        Assert.Equal(typeof(InsuranceClaim.Approval), CatalogLookup.Saga("insurance-claim")!.EventPayloads["approval"]);
        Assert.Equal(typeof(CancelRequest), CatalogLookup.Saga("order")!.EventPayloads[Saga.CancelEventName]);
    }

    [Fact]
    public void Orchestrators_DeriveFromTheDeclarations_SubOrchestrationsIncluded()
    {
        Assert.Equal(
            [.. SagaCatalog.Sagas.Select(s => s.OrchestratorName), "MigrationBatches", "RetryDeadLetter", "DeclarativeSaga"],
            SagaCatalog.Orchestrators.Select(o => o.OrchestratorName));
        Assert.All(SagaCatalog.Sagas, s => Assert.NotNull(s.ResultType));
    }

    [Fact]
    public void Sagas_RequestTypes_AreValidatable()
    {
        Assert.All(SagaCatalog.Sagas, s => Assert.True(typeof(ISagaRequest).IsAssignableFrom(s.RequestType), s.Route));
    }

    [Theory]
    [InlineData("order", "OrderSaga")]
    [InlineData("MONEY-TRANSFER", "MoneyTransferSaga")]
    public void Find_KnownRoute_ReturnsSaga(string route, string orchestrator)
    {
        Assert.Equal(orchestrator, CatalogLookup.Saga(route)?.OrchestratorName);
    }

    [Fact]
    public void Find_UnknownRoute_ReturnsNull()
    {
        Assert.Null(CatalogLookup.Saga("nope"));
    }

    [Fact]
    public void Orchestrators_IncludeHelpers_WithUniqueNames()
    {
        var names = SagaCatalog.Orchestrators.Select(o => o.OrchestratorName).ToList();

        Assert.Contains("MigrationBatches", names);
        Assert.Contains("RetryDeadLetter", names);
        Assert.Contains("DeclarativeSaga", names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Activities_Names_AreUnique()
    {
        var names = SagaCatalog.Activities.Select(a => a.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Activities_EveryPublicActivityMethod_IsRegisteredWithItsInputType()
    {
        var methods = ActivityClasses
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .ToList();

        Assert.Equal(9, ActivityClasses.Length); // seven sagas, the declarative sagas' generic activities, dead letters
        Assert.Equal(methods.Count, SagaCatalog.Activities.Count);
        foreach (var method in methods)
        {
            var registration = CatalogLookup.Activity(method.Name);
            Assert.True(registration is not null, $"{method.DeclaringType!.Name}.{method.Name} is not registered.");
            Assert.Equal(method.GetParameters()[0].ParameterType, registration.InputType);
        }
    }

    [Fact]
    public void RecordDeadLetter_Name_IsTheKernelsDeadLetterActivity()
    {
        Assert.Equal(SagaOptions.DeadLetterActivityName, nameof(DeadLetterActivities.RecordDeadLetter));
        Assert.NotNull(CatalogLookup.Activity(SagaOptions.DeadLetterActivityName));
    }

    [Fact]
    public void AddSagaActivities_WithClientsAndStore_ResolvesEveryActivityClass()
    {
        var services = new ServiceCollection()
            .AddParticipantClients(new Uri("http://localhost:7071"))
            .AddSingleton(Mock.Of<IDeadLetterStore>())
            .AddSagaActivities();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.All(ActivityClasses, t => Assert.NotNull(provider.GetRequiredService(t)));
    }

    [Fact]
    public void Activities_OfEachReferenceSaga_NameItsRouteForTheirSpans()
    {
        foreach (var saga in SagaCatalog.Sagas)
        {
            var activities = saga.Definition!.Steps
                .SelectMany(step => new[] { step.Activity ?? step.Name, step.Compensation })
                .OfType<string>();
            Assert.All(activities, name => Assert.Equal(saga.Route, CatalogLookup.Activity(name)!.Saga));
        }
    }

    [Fact]
    public void Activities_SharedBySeveralSagas_NameNoSaga()
    {
        Assert.Null(CatalogLookup.Activity(nameof(DeclarativeActivities.CallParticipant))!.Saga);
        Assert.Null(CatalogLookup.Activity(nameof(DeadLetterActivities.RecordDeadLetter))!.Saga);
    }

    [Fact]
    public async Task ActivityInvoke_WrongInputType_ThrowsClearError()
    {
        var store = new Mock<IDeadLetterStore>();
        using var provider = new ServiceCollection().AddSingleton(store.Object).AddSagaActivities().BuildServiceProvider();
        var record = CatalogLookup.Activity(SagaOptions.DeadLetterActivityName)!;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => record.Invoke(provider, 42, CancellationToken.None));

        Assert.Contains("needs a DeadLetter; got a Int32", error.Message, StringComparison.Ordinal);
        store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ActivityInvoke_JsonInput_BindsIt()
    {
        var store = new Mock<IDeadLetterStore>();
        using var provider = new ServiceCollection().AddSingleton(store.Object).AddSagaActivities().BuildServiceProvider();
        var json = System.Text.Json.JsonDocument.Parse("\"order-1:RefundPayment\"").RootElement;

        var result = await CatalogLookup.Activity(nameof(DeadLetterActivities.BeginDeadLetterRetry))!.Invoke(provider, json, CancellationToken.None);

        Assert.Null(result);
        store.Verify(s => s.UpdateAsync("order-1:RefundPayment", It.IsAny<Func<DeadLetterEntry, DeadLetterEntry?>>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
