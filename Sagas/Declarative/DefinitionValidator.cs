using System.Text.Json;
using static SagaFunctions.Sagas.Declarative.JsonReadContext;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// The checks that need the whole definition: duplicate step names, the pivot and what may follow it, compensations
/// (a compensable step needs one; non-critical steps and steps after the pivot have none), and every template reference
/// (the input field must be in the schema, the step must exist and run earlier, <c>result</c> only in compensations).
/// </summary>
internal static class DefinitionValidator
{
    public static void Validate(JsonReadContext context, DeclarativeDefinition definition)
    {
        // Every name first, so that a reference to a later step says "not yet" rather than "unknown".
        var order = new Dictionary<string, (int Position, string Path, int Group)>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            Claim(context, order, definition.Steps[i].Name, Index("$.steps", i), i, group: -1);
            for (var b = 0; b < (definition.Steps[i].Parallel?.Count ?? 0); b++)
            {
                Claim(context, order, definition.Steps[i].Parallel![b].Name, Index(Child(Index("$.steps", i), "parallel"), b), i, group: i);
            }
        }

        var pivotSeen = false;
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var step = definition.Steps[i];
            var path = Index("$.steps", i);
            if (step.Parallel is { } branches)
            {
                for (var b = 0; b < branches.Count; b++)
                {
                    var branchPath = Index(Child(path, "parallel"), b);
                    CheckCallStep(context, definition, order, branches[b], branchPath, i, group: i, afterPivot: pivotSeen);
                    if (branches[b].Pivot || branches[b].NonCritical)
                    {
                        context.Error(branchPath, "a parallel group's branch cannot be the pivot or non-critical.");
                    }
                }

                CheckNotACallStep(context, step, path, "a parallel group");
                continue;
            }

            if (step.Wait is not null)
            {
                CheckNotACallStep(context, step, path, "a wait");
                continue;
            }

            CheckCallStep(context, definition, order, step, path, i, group: -1, afterPivot: pivotSeen);
            if (step.Pivot)
            {
                if (pivotSeen)
                {
                    context.Error(Child(path, "pivot"), $"step '{step.Name}' is a second pivot; a saga has at most one point of no return.");
                }

                if (step.NonCritical)
                {
                    context.Error(Child(path, "pivot"), $"step '{step.Name}' cannot be both the pivot and non-critical.");
                }

                pivotSeen = true;
            }
        }

        foreach (var (name, template) in definition.Output)
        {
            CheckTemplate(context, definition, order, template, Child("$.output", name), position: int.MaxValue, group: -1, inCompensation: false, inOutput: true);
        }
    }

    private static void Claim(JsonReadContext context, Dictionary<string, (int, string, int)> order, string name, string path, int position, int group)
    {
        if (!order.TryAdd(name, (position, path, group)))
        {
            context.Error(Child(path, "name"), $"step '{name}' is defined twice (first at {order[name].Item2}).");
        }
    }

    private static void CheckNotACallStep(JsonReadContext context, DeclarativeStep step, string path, string what)
    {
        if (step.Compensation is not null || step.Retry is not null || step.TimeoutSeconds is not null || step.NonCritical || step.Pivot || step.CompensableDeclared)
        {
            context.Error(path, $"step '{step.Name}' is {what}: compensation, compensable, retry, timeoutSeconds, nonCritical and pivot belong to call steps.");
        }
    }

    private static void CheckCallStep(
        JsonReadContext context, DeclarativeDefinition definition, Dictionary<string, (int Position, string Path, int Group)> order,
        DeclarativeStep step, string path, int position, int group, bool afterPivot)
    {
        if (step.Call is not { } call)
        {
            return;
        }

        if (afterPivot && (step.Compensation is not null || (step.CompensableDeclared && step.Compensable)))
        {
            context.Error(Child(path, "compensation"), $"step '{step.Name}' comes after the pivot: it is never compensated (forward recovery only).");
        }
        else if (step.NonCritical && step.Compensation is not null)
        {
            context.Error(Child(path, "compensation"), $"step '{step.Name}' is non-critical: its failure is a warning and it is never compensated.");
        }
        else if (step.Compensation is not null && step.CompensableDeclared && !step.Compensable)
        {
            context.Error(Child(path, "compensation"), $"step '{step.Name}' says \"compensable\": false but has a compensation.");
        }
        else if (!afterPivot && step.Compensable && step.Compensation is null)
        {
            context.Error(path, $"step '{step.Name}' is compensable but has no compensation (add one, or set \"compensable\": false when there is nothing to undo).");
        }

        CheckTemplate(context, definition, order, call.Body, Child(Child(path, "call"), "body"), position, group, inCompensation: false, inOutput: false);
        if (step.Compensation is { } compensation)
        {
            CheckTemplate(context, definition, order, compensation.Body, Child(Child(path, "compensation"), "body"), position, group, inCompensation: true, inOutput: false);
        }
    }

    private static void CheckTemplate(
        JsonReadContext context, DeclarativeDefinition definition, Dictionary<string, (int Position, string Path, int Group)> order,
        JsonElement template, string path, int position, int group, bool inCompensation, bool inOutput)
    {
        foreach (var (stringPath, parts, error) in Templates.Strings(template, path))
        {
            if (parts is null)
            {
                context.Error(stringPath, $"malformed expression: {error}");
                continue;
            }

            foreach (var reference in parts.Select(p => p.Reference).OfType<TemplateReference>())
            {
                if (Problem(definition, order, reference, position, group, inCompensation, inOutput) is { } problem)
                {
                    context.Error(stringPath, $"'${{{reference.Text}}}' cannot be resolved: {problem}");
                }
            }
        }
    }

    private static string? Problem(
        DeclarativeDefinition definition, Dictionary<string, (int Position, string Path, int Group)> order,
        TemplateReference reference, int position, int group, bool inCompensation, bool inOutput)
    {
        switch (reference.Root)
        {
            case TemplateReference.InputRoot:
                return InputProblem(definition.Input, reference.Path);
            case TemplateReference.ResultRoot when !inCompensation:
                return "'result' (the step's own result) is only available in a compensation's body.";
            case TemplateReference.KeyRoot when inOutput:
                return "'key' (a step's idempotency key) is only available in step and compensation bodies.";
            case TemplateReference.StepsRoot:
                var name = reference.StepName!;
                if (!order.TryGetValue(name, out var target))
                {
                    return $"unknown step '{name}' (steps: {string.Join(", ", order.Keys)}).";
                }

                if (target.Position > position || (target.Position == position && (group < 0 || target.Group == group)))
                {
                    return $"step '{name}' has not run yet at this point (only earlier steps' results can be used).";
                }

                return null;
            default:
                return null;
        }
    }

    private static string? InputProblem(IReadOnlyList<InputField> fields, IReadOnlyList<object> path)
    {
        IReadOnlyList<InputField>? current = fields;
        InputField? field = null;
        var atArray = false;
        foreach (var segment in path)
        {
            if (segment is int)
            {
                if (!atArray)
                {
                    return $"'{field?.Name ?? "input"}' is not an array.";
                }

                atArray = false;
                current = field!.Fields;
                continue;
            }

            if (atArray)
            {
                return $"'{field!.Name}' is an array: index it first ({field.Name}[0]).";
            }

            var name = (string)segment;
            field = current?.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
            if (field is null)
            {
                return current is null
                    ? $"'{name}' is below a value that has no fields."
                    : $"the input has no field '{name}' (fields: {string.Join(", ", current.Select(f => f.Name))}).";
            }

            atArray = field.Type == InputTypes.Array;
            current = field.Type == InputTypes.Nested ? field.Fields : null;
        }

        return null;
    }
}
