using Microsoft.Extensions.Configuration;

namespace SagaFunctions.FunctionApp;

/// <summary>Reads <see cref="AppSettings"/> from configuration, with clear errors for missing or malformed values.</summary>
public static class ConfigurationExtensions
{
    /// <summary>The value of an app setting (<c>A__B</c> is read as the configuration key <c>A:B</c>), or null when unset or blank.</summary>
    public static string? GetSetting(this IConfiguration configuration, string setting)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        var value = configuration[setting.Replace("__", ":", StringComparison.Ordinal)];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>An absolute http(s) URL from an app setting; throws naming the setting when it is missing or invalid.</summary>
    public static Uri GetRequiredHttpUri(this IConfiguration configuration, string setting)
    {
        var value = configuration.GetSetting(setting)
            ?? throw new InvalidOperationException($"App setting '{setting}' is required (an absolute http or https URL).");
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"App setting '{setting}' must be an absolute http or https URL, but is '{value}'.");
        }

        return uri;
    }
}
