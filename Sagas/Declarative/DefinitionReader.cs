using System.Text.Json;
using System.Text.RegularExpressions;
using SagaFunctions.Participants.Client;
using static SagaFunctions.Sagas.Declarative.JsonReadContext;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// Reads one definition file (the format of <c>definitions/saga-definition.schema.json</c>) into a
/// <see cref="DeclarativeDefinition"/>, then checks it with <see cref="DefinitionValidator"/>. The structural checks
/// are written by hand (no JSON Schema library at run time) and report every error with the file and the JSON path:
/// unknown or misspelt properties, wrong types, unknown services and operations, bad retry values.
/// </summary>
public static partial class DefinitionReader
{
    private static readonly string[] RootProperties = ["$schema", "name", "version", "description", "input", "steps", "outcomes", "output"];
    private static readonly string[] StepProperties = ["name", "call", "compensation", "compensable", "retry", "timeoutSeconds", "nonCritical", "pivot", "parallel", "wait"];
    private static readonly string[] CallProperties = ["service", "method", "path", "body"];
    private static readonly string[] RetryProperties = ["maxAttempts", "firstDelayMs", "backoff", "maxDelayMs"];
    private static readonly string[] WaitProperties = ["event", "timeoutSeconds", "onTimeout", "outcome"];
    private static readonly string[] OutcomeProperties = ["success", "failure", "cancelled", "manualIntervention"];
    private static readonly string[] StepKinds = ["call", "parallel", "wait"];
    private static readonly string[] FieldProperties = ["type", "required", "minimum", "maximum", "maxLength", "maxItems", "fields", "items"];

    /// <summary>Reads <paramref name="json"/> (the content of <paramref name="file"/>); the definition is null when there are errors.</summary>
    public static (DeclarativeDefinition? Definition, IReadOnlyList<DefinitionError> Errors) Read(string file, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var context = new JsonReadContext(file);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            context.Error(ex.Path ?? "$", $"is not valid JSON: {ex.Message}");
            return (null, context.Errors);
        }

        using (document)
        {
            var definition = ReadRoot(context, document.RootElement);
            if (definition is not null && context.Errors.Count == 0)
            {
                DefinitionValidator.Validate(context, definition);
            }

            return context.Errors.Count == 0 ? (definition, context.Errors) : (null, context.Errors);
        }
    }

    private static DeclarativeDefinition? ReadRoot(JsonReadContext context, JsonElement root)
    {
        if (!context.IsObject(root, "$"))
        {
            return null;
        }

        context.OnlyKnown(root, "$", RootProperties);
        var name = context.RequiredString(root, "name", "$");
        if (name is not null && !RouteName().IsMatch(name))
        {
            context.Error("$.name", $"'{name}' must be a route name: lowercase letters, digits and dashes, starting with a letter, at most 50 characters.");
        }

        var version = context.OptionalString(root, "version", "$") ?? "1";
        var description = context.RequiredString(root, "description", "$");
        var input = ReadFields(context, Optional(root, "input"), "$.input");
        var steps = new List<DeclarativeStep>();
        if (Optional(root, "steps") is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0)
        {
            var i = 0;
            foreach (var element in array.EnumerateArray())
            {
                if (ReadStep(context, element, Index("$.steps", i++), allowGroups: true) is { } step)
                {
                    steps.Add(step);
                }
            }
        }
        else
        {
            context.Error("$.steps", "is required: an array of at least one step.");
        }

        var outcomes = ReadOutcomes(context, Optional(root, "outcomes"));
        var output = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (Optional(root, "output") is { } outputElement && context.IsObject(outputElement, "$.output"))
        {
            foreach (var property in outputElement.EnumerateObject())
            {
                output[property.Name] = property.Value.Clone();
            }
        }

        return name is null || description is null
            ? null
            : new DeclarativeDefinition(name, version, description, input, steps, output, outcomes);
    }

    private static List<InputField> ReadFields(JsonReadContext context, JsonElement? element, string path)
    {
        var fields = new List<InputField>();
        if (!context.IsObject(element, path))
        {
            return fields;
        }

        foreach (var property in element!.Value.EnumerateObject())
        {
            if (ReadField(context, property.Name, property.Value, Child(path, property.Name)) is { } field)
            {
                fields.Add(field);
            }
        }

        if (fields.Count == 0 && context.Errors.Count == 0)
        {
            context.Error(path, "must declare at least one field.");
        }

        return fields;
    }

    private static InputField? ReadField(JsonReadContext context, string name, JsonElement element, string path)
    {
        if (!context.IsObject(element, path))
        {
            return null;
        }

        context.OnlyKnown(element, path, FieldProperties);
        if (!FieldName().IsMatch(name))
        {
            context.Error(path, $"'{name}' must be a camelCase field name (letters and digits, starting with a letter).");
        }

        var type = context.RequiredString(element, "type", path);
        if (type is not null && !InputTypes.All.Contains(type, StringComparer.Ordinal))
        {
            context.Error(Child(path, "type"), $"unknown type '{type}' (types: {string.Join(", ", InputTypes.All)}).");
            return null;
        }

        var items = context.OptionalString(element, "items", path);
        if (items is not null && !InputTypes.Scalars.Contains(items, StringComparer.Ordinal))
        {
            context.Error(Child(path, "items"), $"unknown entry type '{items}' (types: {string.Join(", ", InputTypes.Scalars)}; use 'fields' for objects).");
        }

        var hasFields = Optional(element, "fields") is not null;
        var fields = hasFields ? ReadFields(context, Optional(element, "fields"), Child(path, "fields")) : null;
        if (type == InputTypes.Nested && !hasFields)
        {
            context.Error(path, "an object needs 'fields'.");
        }

        if (type == InputTypes.Array && hasFields == (items is not null))
        {
            context.Error(path, "an array needs exactly one of 'fields' (entries are objects) or 'items' (entries are scalars).");
        }

        if (type is not (InputTypes.Nested or InputTypes.Array) && (hasFields || items is not null))
        {
            context.Error(path, $"'fields' and 'items' belong to objects and arrays, not to '{type}'.");
        }

        var minimum = context.OptionalInteger(element, "minimum", path, long.MinValue, long.MaxValue);
        var maximum = context.OptionalInteger(element, "maximum", path, long.MinValue, long.MaxValue);
        if (minimum > maximum)
        {
            context.Error(Child(path, "minimum"), "must not be greater than 'maximum'.");
        }

        return type is null
            ? null
            : new InputField(
                name,
                type,
                context.OptionalBool(element, "required", path) ?? true,
                minimum,
                maximum,
                (int?)context.OptionalInteger(element, "maxLength", path, 1, 100_000),
                (int?)context.OptionalInteger(element, "maxItems", path, 1, 10_000),
                fields,
                items);
    }

    private static DeclarativeStep? ReadStep(JsonReadContext context, JsonElement element, string path, bool allowGroups)
    {
        if (!context.IsObject(element, path))
        {
            return null;
        }

        context.OnlyKnown(element, path, StepProperties);
        var name = context.RequiredString(element, "name", path);
        if (name is not null && !FieldName().IsMatch(name))
        {
            context.Error(Child(path, "name"), $"'{name}' must be a step name: letters, digits and underscores, starting with a letter.");
        }

        var kinds = StepKinds.Where(k => Optional(element, k) is not null).ToList();
        if (kinds.Count != 1)
        {
            context.Error(path, kinds.Count == 0
                ? "a step needs one of 'call', 'parallel' or 'wait'."
                : $"a step is one of 'call', 'parallel' or 'wait', not {string.Join(" and ", kinds)}.");
            return null;
        }

        IReadOnlyList<DeclarativeStep>? branches = null;
        if (Optional(element, "parallel") is { } parallel)
        {
            if (!allowGroups)
            {
                context.Error(Child(path, "parallel"), "parallel groups cannot be nested.");
            }
            else if (parallel.ValueKind != JsonValueKind.Array || parallel.GetArrayLength() < 2)
            {
                context.Error(Child(path, "parallel"), "must be an array of at least two call steps.");
            }
            else
            {
                branches = [.. parallel.EnumerateArray().Select((b, i) => ReadStep(context, b, Index(Child(path, "parallel"), i), allowGroups: false)).OfType<DeclarativeStep>()];
            }
        }

        WaitSpec? wait = null;
        if (Optional(element, "wait") is { } waitElement)
        {
            if (!allowGroups)
            {
                context.Error(Child(path, "wait"), "a parallel group's branches are call steps; put the wait before or after the group.");
            }

            wait = ReadWait(context, waitElement, Child(path, "wait"));
        }

        var call = ReadCall(context, Optional(element, "call"), Child(path, "call"), required: false);
        var compensation = ReadCall(context, Optional(element, "compensation"), Child(path, "compensation"), required: false);
        RetrySpec? retry = null;
        if (Optional(element, "retry") is { } retryElement && context.IsObject(retryElement, Child(path, "retry")))
        {
            var retryPath = Child(path, "retry");
            context.OnlyKnown(retryElement, retryPath, RetryProperties);
            var attempts = context.OptionalInteger(retryElement, "maxAttempts", retryPath, 1, 100);
            if (attempts is null && Optional(retryElement, "maxAttempts") is null)
            {
                context.Error(Child(retryPath, "maxAttempts"), "is required (a whole number between 1 and 100).");
            }

            retry = new RetrySpec(
                (int)(attempts ?? 1),
                (int)(context.OptionalInteger(retryElement, "firstDelayMs", retryPath, 0, 3_600_000) ?? 500),
                context.OptionalNumber(retryElement, "backoff", retryPath, 1, 10) ?? 2.0,
                (int?)context.OptionalInteger(retryElement, "maxDelayMs", retryPath, 0, 86_400_000));
        }

        var nonCritical = context.OptionalBool(element, "nonCritical", path) ?? false;
        var pivot = context.OptionalBool(element, "pivot", path) ?? false;
        var compensable = context.OptionalBool(element, "compensable", path);
        return name is null
            ? null
            : new DeclarativeStep(
                name,
                call,
                compensation,
                compensable ?? (call is not null && !nonCritical && (!pivot || compensation is not null)),
                retry,
                context.OptionalNumber(element, "timeoutSeconds", path, 0.001, 3600),
                nonCritical,
                pivot,
                branches,
                wait)
            {
                CompensableDeclared = compensable is not null,
            };
    }

    private static ParticipantCallSpec? ReadCall(JsonReadContext context, JsonElement? element, string path, bool required)
    {
        if (element is null && !required)
        {
            return null;
        }

        if (!context.IsObject(element, path))
        {
            return null;
        }

        var call = element!.Value;
        context.OnlyKnown(call, path, CallProperties);
        var service = context.RequiredString(call, "service", path);
        var method = context.RequiredString(call, "method", path);
        if (service is not null && !ParticipantCatalog.Operations.ContainsKey(service))
        {
            context.Error(Child(path, "service"), $"unknown service '{service}' (services: {string.Join(", ", ParticipantCatalog.Operations.Keys)}).");
            return null;
        }

        if (service is not null && method is not null && !ParticipantCatalog.Operations[service].Contains(method, StringComparer.Ordinal))
        {
            context.Error(Child(path, "method"), $"service '{service}' has no operation '{method}' (operations: {string.Join(", ", ParticipantCatalog.Operations[service])}).");
            return null;
        }

        var defaultPath = $"participants/{service}/{method}";
        var route = context.OptionalString(call, "path", path);
        if (route is not null && !string.Equals(route.TrimStart('/'), defaultPath, StringComparison.Ordinal))
        {
            context.Error(Child(path, "path"), $"must be '/{defaultPath}' (the route of {service} {method}), not '{route}'; it may be left out.");
        }

        var body = Optional(call, "body");
        if (body is { ValueKind: not JsonValueKind.Object })
        {
            context.Error(Child(path, "body"), $"must be an object (the request body template), not {Kind(body.Value)}.");
        }

        return service is null || method is null
            ? null
            : new ParticipantCallSpec(service, method, defaultPath, body?.Clone() ?? JsonSerializer.SerializeToElement(new { }));
    }

    private static WaitSpec? ReadWait(JsonReadContext context, JsonElement element, string path)
    {
        if (!context.IsObject(element, path))
        {
            return null;
        }

        context.OnlyKnown(element, path, WaitProperties);
        var eventName = context.RequiredString(element, "event", path);
        if (eventName is not null && (!FieldName().IsMatch(eventName) || eventName is Kernel.Saga.CancelEventName or Kernel.Saga.RetryEventName))
        {
            context.Error(Child(path, "event"), $"'{eventName}' must be an event name (letters, digits, underscores), and not '{Kernel.Saga.CancelEventName}' or '{Kernel.Saga.RetryEventName}' (the kernel's own events).");
        }

        var timeout = context.OptionalNumber(element, "timeoutSeconds", path, 0.001, 366 * 86_400.0);
        if (timeout is null && Optional(element, "timeoutSeconds") is null)
        {
            context.Error(Child(path, "timeoutSeconds"), "is required (how long the saga waits, in seconds).");
        }

        var onTimeout = context.OptionalString(element, "onTimeout", path) ?? WaitSpec.Compensate;
        if (onTimeout is not (WaitSpec.Compensate or WaitSpec.Continue))
        {
            context.Error(Child(path, "onTimeout"), $"must be '{WaitSpec.Compensate}' or '{WaitSpec.Continue}', not '{onTimeout}'.");
        }

        var outcome = ReadOutcome(context, element, "outcome", path, null);
        if (outcome is not null && onTimeout == WaitSpec.Continue)
        {
            context.Error(Child(path, "outcome"), "is the status of a timeout that compensates; with onTimeout 'continue' the saga goes on.");
        }

        return eventName is null || timeout is null ? null : new WaitSpec(eventName, timeout.Value, onTimeout, outcome);
    }

    private static DeclarativeOutcomes ReadOutcomes(JsonReadContext context, JsonElement? element)
    {
        var defaults = new DeclarativeOutcomes();
        if (element is null || !context.IsObject(element, "$.outcomes"))
        {
            return defaults;
        }

        var outcomes = element.Value;
        context.OnlyKnown(outcomes, "$.outcomes", OutcomeProperties);
        return new DeclarativeOutcomes(
            ReadOutcome(context, outcomes, "success", "$.outcomes", defaults.Success)!,
            ReadOutcome(context, outcomes, "failure", "$.outcomes", defaults.Failure)!,
            ReadOutcome(context, outcomes, "cancelled", "$.outcomes", defaults.Cancelled)!,
            ReadOutcome(context, outcomes, "manualIntervention", "$.outcomes", defaults.ManualIntervention)!);
    }

    private static string? ReadOutcome(JsonReadContext context, JsonElement parent, string name, string path, string? fallback)
    {
        var value = context.OptionalString(parent, name, path);
        if (value is not null && !Outcome().IsMatch(value))
        {
            context.Error(Child(path, name), $"'{value}' must be a snake_case outcome string (lowercase letters, digits and underscores).");
        }

        return value ?? fallback;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,49}$")]
    private static partial Regex RouteName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex FieldName();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,49}$")]
    private static partial Regex Outcome();
}
