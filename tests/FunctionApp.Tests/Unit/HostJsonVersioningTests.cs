using Microsoft.DurableTask.Worker;
using SagaFunctions.FunctionApp.Tests.RealEngine;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.FunctionApp.Tests.Unit;

/// <summary>
/// host.json's Durable versioning settings: names and values the extension defines, and a <c>defaultVersion</c> that is the
/// newest saga version the app registers (the app's deployed version: a worker runs instances up to it and leaves newer
/// ones, started by a newer deployment, to the workers of that deployment).
/// </summary>
public class HostJsonVersioningTests
{
    [Fact]
    public void HostJson_Versioning_UsesTheExtensionsStrategies()
    {
        var options = HostJsonVersioning.Options();
        Assert.Equal(DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder, options.MatchStrategy);
        Assert.Equal(DurableTaskWorkerOptions.VersionFailureStrategy.Reject, options.FailureStrategy);
    }

    [Fact]
    public void HostJson_DefaultVersion_IsTheNewestSagaVersionOfTheCatalog()
    {
        var newest = SagaCatalog.Sagas.Select(s => s.Version).Max(Comparer<string>.Create(SagaVersions.Compare));
        Assert.Equal(newest, HostJsonVersioning.DefaultVersion);
    }
}
