using System.Text.RegularExpressions;

namespace SagaFunctions.Infra.Tests.Repository;

/// <summary>
/// The app settings the deployed FunctionApp must have. The names the app code reads come from
/// FunctionApp/AppSettings.cs (its <c>public const string</c> values) when that file exists, else from the pinned
/// list agreed with the FunctionApp; the identity-based storage and Application Insights settings are always needed.
/// </summary>
public static partial class RequiredAppSettings
{
    /// <summary>What the host itself needs to reach storage and Application Insights without keys.</summary>
    public static readonly IReadOnlyList<string> Platform =
    [
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>The names the FunctionApp code reads, as pinned in the deployment brief.</summary>
    public static readonly IReadOnlyList<string> PinnedAppNames =
    [
        "TaskHubName",
        "Participants__BaseUrl",
        "DeadLetters__TableName",
        "AZURE_CLIENT_ID",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    /// <summary>Platform settings plus the app's names (from <paramref name="appSettingsSource"/> when given).</summary>
    public static IReadOnlyList<string> For(string? appSettingsSource)
    {
        var appNames = appSettingsSource is null ? PinnedAppNames : FromConstants(appSettingsSource);
        return Platform.Concat(appNames).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The values of <c>const string</c> fields in C# source, as app setting names: a configuration path
    /// <c>Section:Key</c> becomes <c>Section__Key</c>, the form App Service and Functions app settings use.
    /// </summary>
    public static IReadOnlyList<string> FromConstants(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ConstRegex().Matches(source)
            .Select(m => m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex("""const\s+string\s+\w+\s*=\s*"([^"\\]*)"\s*;""")]
    private static partial Regex ConstRegex();
}
