using System.Text.Json;

namespace SagaFunctions.Infra.Tests.Arm;

/// <summary>One resource of a compiled template, with the template that declares it.</summary>
public sealed class ArmResource
{
    private readonly Lazy<ArmTemplate?> _nested;

    internal ArmResource(JsonElement element, ArmTemplate template)
    {
        Element = element;
        Template = template;
        _nested = new Lazy<ArmTemplate?>(() =>
            IsDeployment && Property("properties", "template") is { ValueKind: JsonValueKind.Object } nested
                ? ArmTemplate.Nested(nested, this)
                : null);
    }

    public JsonElement Element { get; }

    /// <summary>The template this resource is declared in.</summary>
    public ArmTemplate Template { get; }

    public string Type => Text("type") ?? string.Empty;

    public string ApiVersion => Text("apiVersion") ?? string.Empty;

    /// <summary>The name as written in the template: a literal or an ARM expression.</summary>
    public string Name => Text("name") ?? string.Empty;

    public bool IsExisting => Property("existing") is { ValueKind: JsonValueKind.True };

    public bool IsDeployment => string.Equals(Type, ArmTemplate.DeploymentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>For a module deployment, the template it deploys.</summary>
    public ArmTemplate? NestedTemplate => _nested.Value;

    /// <summary>Where this resource comes from, for failure messages: module path and type.</summary>
    public string Describe()
    {
        var modules = new List<string>();
        for (var deployment = Template.Deployment; deployment is not null; deployment = deployment.Template.Deployment)
        {
            modules.Insert(0, deployment.Name);
        }

        return $"{(modules.Count == 0 ? "main" : string.Join('/', modules))}: {Type}@{ApiVersion} {Name}";
    }

    /// <summary>The element at a property path, or null when any step is missing.</summary>
    public JsonElement? Property(params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = Element;
        foreach (var step in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The string at a property path, or null when it is missing or not a string.</summary>
    public string? Text(params string[] path) =>
        Property(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>
    /// For a module deployment, the value passed for one of its parameters: the <c>value</c> of
    /// <c>properties.parameters.X</c>, or the whole expression when Bicep compiled the entry to one (a conditional).
    /// </summary>
    public JsonElement? PassedParameter(string name)
    {
        if (Property("properties", "parameters") is not { ValueKind: JsonValueKind.Object } parameters
            || !parameters.TryGetProperty(name, out var entry))
        {
            return null;
        }

        return entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("value", out var value) ? value : entry;
    }

    /// <summary>A site's app settings (<c>properties.siteConfig.appSettings</c>, name/value pairs), by name.</summary>
    public IReadOnlyDictionary<string, JsonElement> AppSettings()
    {
        var settings = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (Property("properties", "siteConfig", "appSettings") is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var setting in array.EnumerateArray())
            {
                if (setting.TryGetProperty("name", out var name) && name.GetString() is { } key)
                {
                    settings[key] = setting.TryGetProperty("value", out var value) ? value : default;
                }
            }
        }

        return settings;
    }
}
