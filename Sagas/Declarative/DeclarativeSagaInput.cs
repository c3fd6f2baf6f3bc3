using System.Text.Json;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// The input of the generic orchestrator: which route the instance belongs to (<see cref="Saga"/>, read by the HTTP
/// API's registry to map the instance back to its route), the validated start request (<see cref="Input"/>, what the
/// saga view shows) and the definition the instance runs, recorded so that a changed file never alters a running saga.
/// </summary>
public sealed record DeclarativeSagaInput(string Saga, string Version, JsonElement Input, DeclarativeDefinition Definition);
