using System.Text.Json;
using System.Text.Json.Serialization;

namespace SagaFunctions.Kernel;

/// <summary>
/// The progress a saga publishes as custom status at every transition (docs/architecture.md, "Saga contract", item 9):
/// phase, current step, completed / compensated / failed steps with error type and message, the retries in progress
/// (attempt, last error, next attempt time), warnings, what it waits for until when, and a timeline. It is kept under the
/// Azure Storage provider's 16 KB custom-status cap: long texts are cut and, when still too big (a parallel group of
/// 100 branches), each list keeps its newest entries; <see cref="Omitted"/> counts the entries left out.
/// <see cref="Phase"/> is required when read back: a custom status without one is not a saga's.
/// </summary>
public sealed record SagaStatus(
    string Saga,
    [property: JsonRequired] SagaPhase Phase,
    string? CurrentStep,
    IReadOnlyList<string> CompletedSteps,
    IReadOnlyList<string> CompensatedSteps,
    IReadOnlyList<StepError> FailedSteps,
    IReadOnlyList<StepRetry> Retries,
    IReadOnlyList<string> Warnings,
    string? WaitingFor,
    DateTime? WaitDeadline,
    IReadOnlyList<TimelineEntry> Timeline,
    DateTime UpdatedAt,
    int Omitted = 0)
{
    /// <summary>
    /// The JSON the engines write a custom status in (both hosts' payload serializers use the web defaults: camelCase
    /// names; enum values by their own converters, snake_case): the kernel measures the published status with it, and
    /// the saga view reads the status back with it.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
