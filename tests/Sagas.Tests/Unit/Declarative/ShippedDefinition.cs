using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Sagas.Declarative;

namespace SagaFunctions.Sagas.Tests.Unit.Declarative;

/// <summary>The repository's definitions folder and the shipped <c>order-fulfillment.json</c>.</summary>
internal static class ShippedDefinition
{
    public static string Folder { get; } = FindFolder();

    public static string File => Path.Combine(Folder, "order-fulfillment.json");

    public static DeclarativeDefinition Load()
    {
        var (definition, errors) = DefinitionReader.Read("order-fulfillment.json", System.IO.File.ReadAllText(File));
        Assert.Empty(errors);
        return definition!;
    }

    public static SagaDeclaration Registration() => DeclarativeSagas.ToRegistration(Load());

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "definitions");
            if (System.IO.File.Exists(Path.Combine(candidate, "saga-definition.schema.json")) && System.IO.File.Exists(Path.Combine(directory.FullName, "SagaFunctions.sln")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The repository's definitions folder was not found above " + AppContext.BaseDirectory);
    }
}
