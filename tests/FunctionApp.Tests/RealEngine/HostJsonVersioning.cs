using System.Text.Json;
using Microsoft.DurableTask.Worker;

namespace SagaFunctions.FunctionApp.Tests.RealEngine;

/// <summary>
/// FunctionApp's host.json <c>extensions.durableTask</c> versioning settings (<c>defaultVersion</c>,
/// <c>versionMatchStrategy</c>, <c>versionFailureStrategy</c>) as the Durable worker's <see cref="DurableTaskWorkerOptions.VersioningOptions"/>,
/// so the real engine here applies what the Functions host applies from that file.
/// </summary>
internal static class HostJsonVersioning
{
    public static JsonElement DurableTask { get; } = FunctionAppHostJson.Root.GetProperty("extensions").GetProperty("durableTask");

    public static string DefaultVersion => DurableTask.GetProperty("defaultVersion").GetString()!;

    /// <summary>The worker options of host.json, with <paramref name="version"/> as the deployed version when given.</summary>
    public static DurableTaskWorkerOptions.VersioningOptions Options(string? version = null) => new()
    {
        Version = version ?? DefaultVersion,
        DefaultVersion = version ?? DefaultVersion,
        MatchStrategy = Enum.Parse<DurableTaskWorkerOptions.VersionMatchStrategy>(DurableTask.GetProperty("versionMatchStrategy").GetString()!),
        FailureStrategy = Enum.Parse<DurableTaskWorkerOptions.VersionFailureStrategy>(DurableTask.GetProperty("versionFailureStrategy").GetString()!),
    };
}
