using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.Sagas.Tests.Support;

/// <summary>Lookups into <see cref="SagaCatalog"/> for tests (the hosts go through their registries).</summary>
internal static class CatalogLookup
{
    /// <summary>The saga served under <paramref name="route"/> (case-insensitive), or null.</summary>
    public static SagaDeclaration? Saga(string route) =>
        SagaCatalog.Sagas.FirstOrDefault(s => string.Equals(s.Route, route, StringComparison.OrdinalIgnoreCase));

    /// <summary>The activity named <paramref name="name"/>, or null.</summary>
    public static ActivityRegistration? Activity(string name) =>
        SagaCatalog.Activities.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));
}
