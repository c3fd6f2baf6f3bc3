using System.Text.Json;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// A saga defined as data: one JSON file of the <c>Sagas:DefinitionsPath</c> folder, read and validated by
/// <see cref="DefinitionReader"/>. Every instance carries the definition it started with in its input
/// (<see cref="DeclarativeSagaInput"/>), so editing the file never changes a saga that is already running.
/// </summary>
/// <param name="Name">The route name (<c>POST /api/sagas/{name}</c>): lowercase letters, digits and dashes.</param>
/// <param name="Version">The version new instances start with.</param>
/// <param name="Description">One sentence for the monitor and <c>GET /api/definitions</c>.</param>
/// <param name="Input">The start request's fields, validated before anything is started.</param>
/// <param name="Steps">The forward steps in order (calls, parallel groups, waits).</param>
/// <param name="Output">The result's fields besides the shared ones, each a template (see <see cref="Templates"/>).</param>
/// <param name="Outcomes">The result's <c>status</c> strings.</param>
public sealed record DeclarativeDefinition(
    string Name,
    string Version,
    string Description,
    IReadOnlyList<InputField> Input,
    IReadOnlyList<DeclarativeStep> Steps,
    IReadOnlyDictionary<string, JsonElement> Output,
    DeclarativeOutcomes Outcomes)
{
    /// <summary>Every step, the branches of parallel groups included, in definition order.</summary>
    public IEnumerable<DeclarativeStep> AllSteps() => Steps.SelectMany(s => s.Parallel is { } branches ? [s, .. branches] : new[] { s });
}
