using Microsoft.AspNetCore.Http;
using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Kernel.Definitions;

namespace SagaFunctions.Http;

/// <summary>
/// <c>GET /api/definitions</c> and <c>GET /api/definitions/{saga}</c>: the <see cref="SagaDefinition"/> of every saga the
/// registry holds (C# sagas declare theirs next to their code, declarative sagas bring theirs from their file), with the
/// registration's version. Both hosts call it; the monitor draws its diagram from it.
/// </summary>
public sealed class DefinitionsApi(SagaRegistry registry)
{
    private readonly SagaRegistry _registry = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>Every registered saga that has a definition, in registration order; any query parameter is a 400 naming it.</summary>
    public IResult List(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Query.Keys.FirstOrDefault() is { } parameter)
        {
            return HttpProblems.Validation(parameter, $"'{parameter}' is not a parameter of GET /api/definitions, which takes none.");
        }

        var items = _registry.Sagas.Select(Served).OfType<SagaDefinition>().ToList();
        return Results.Json(new SagaDefinitionPage(items), SagaHttpJson.Options);
    }

    /// <summary>The definition of <paramref name="saga"/> (route name, case-insensitive); 404 naming it when unknown or undeclared.</summary>
    public IResult Get(string saga)
    {
        var registration = _registry.FindByRoute(saga);
        if (registration is null)
        {
            return HttpProblems.NotFound($"Unknown saga '{saga}'. Known sagas: {string.Join(", ", _registry.Sagas.Select(s => s.Route))}.");
        }

        return Served(registration) is { } definition
            ? Results.Json(definition, SagaHttpJson.Options)
            : HttpProblems.NotFound($"Saga '{registration.Route}' declares no definition.");
    }

    /// <summary>The registration's definition, carrying the version new instances start with.</summary>
    private static SagaDefinition? Served(SagaDeclaration registration) =>
        registration.Definition is { } definition ? definition with { Version = registration.Version } : null;
}
