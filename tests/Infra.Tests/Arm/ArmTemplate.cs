using System.Text.Json;

namespace SagaFunctions.Infra.Tests.Arm;

/// <summary>
/// A compiled ARM template (the JSON <c>bicep build</c> writes), read with System.Text.Json. Modules are nested
/// <c>Microsoft.Resources/deployments</c> whose <c>properties.template</c> is another template; <see cref="AllResources"/>
/// walks into them. Both resource layouts are read: the array of classic templates and the symbolic-name object of
/// language version 2.0.
/// </summary>
public sealed class ArmTemplate
{
    public const string DeploymentType = "Microsoft.Resources/deployments";

    private ArmTemplate(JsonElement root, ArmResource? deployment)
    {
        Root = root;
        Deployment = deployment;
        Resources = ResourceElements(root).Select(e => new ArmResource(e, this)).ToList();
    }

    public JsonElement Root { get; }

    /// <summary>The module deployment this template is nested in; null for the top-level template.</summary>
    public ArmResource? Deployment { get; }

    /// <summary>The resources declared directly in this template (module deployments included, their contents not).</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    /// <summary>The template's <c>$schema</c>.</summary>
    public string Schema => Root.TryGetProperty("$schema", out var schema) ? schema.GetString() ?? string.Empty : string.Empty;

    public IReadOnlyDictionary<string, JsonElement> Parameters => Section("parameters");

    public IReadOnlyDictionary<string, JsonElement> Variables => Section("variables");

    public IReadOnlyDictionary<string, JsonElement> Outputs => Section("outputs");

    public static ArmTemplate Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return new ArmTemplate(document.RootElement.Clone(), null);
    }

    /// <summary>Every resource of this template and, recursively, of the module templates nested in it.</summary>
    public IEnumerable<ArmResource> AllResources()
    {
        foreach (var resource in Resources)
        {
            yield return resource;
            if (resource.NestedTemplate is { } nested)
            {
                foreach (var inner in nested.AllResources())
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Every resource of the given type (case-insensitive, as ARM compares types), nested ones included.</summary>
    public IReadOnlyList<ArmResource> OfType(string type) =>
        AllResources().Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The module deployment of that name declared in this template, with its nested template.</summary>
    public ArmResource Module(string name) =>
        Resources.SingleOrDefault(r => r.IsDeployment && r.Name == name)
        ?? throw new InvalidOperationException($"The template declares no module deployment named '{name}'.");

    /// <summary>
    /// A variable's value, following variables that are only another variable (Bicep compiles
    /// <c>loadJsonContent(...)</c> to a generated <c>$fxv#N</c> variable holding the file's content).
    /// </summary>
    public JsonElement Variable(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (seen.Add(name))
        {
            if (!Variables.TryGetValue(name, out var value))
            {
                throw new KeyNotFoundException($"The template has no variable '{name}'.");
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (text is null || !text.StartsWith("[variables('", StringComparison.Ordinal) || !text.EndsWith("')]", StringComparison.Ordinal))
            {
                return value;
            }

            name = text["[variables('".Length..^"')]".Length];
        }

        throw new InvalidOperationException($"Variable '{name}' refers to itself.");
    }

    /// <summary>A parameter's <c>defaultValue</c>, or null when it has none.</summary>
    public JsonElement? ParameterDefault(string name) =>
        Parameters.TryGetValue(name, out var parameter) && parameter.TryGetProperty("defaultValue", out var value) ? value : null;

    /// <summary>
    /// What a parameter of this (nested) template is set to: the literal the enclosing module call passes, or else the
    /// parameter's default. Null when the value is only known at deployment (an expression) or absent.
    /// </summary>
    public string? LiteralParameter(string name)
    {
        if (Deployment?.PassedParameter(name) is { } passed)
        {
            return passed.ValueKind == JsonValueKind.String && !ArmExpression.IsExpression(passed.GetString()) ? passed.GetString() : null;
        }

        return ParameterDefault(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
    }

    private Dictionary<string, JsonElement> Section(string name) =>
        Root.TryGetProperty(name, out var section) && section.ValueKind == JsonValueKind.Object
            ? section.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);

    private static List<JsonElement> ResourceElements(JsonElement root)
    {
        if (!root.TryGetProperty("resources", out var resources))
        {
            return [];
        }

        return resources.ValueKind switch
        {
            JsonValueKind.Array => resources.EnumerateArray().ToList(),
            JsonValueKind.Object => resources.EnumerateObject().Select(p => p.Value).ToList(),
            _ => [],
        };
    }

    internal static ArmTemplate Nested(JsonElement template, ArmResource deployment) => new(template, deployment);
}
