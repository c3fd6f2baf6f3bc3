namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// One <c>${...}</c> of a template: its root (<c>input</c>, <c>steps</c>, <c>result</c>, <c>key</c>, <c>instanceId</c>)
/// and the path below it, each segment a property name (<see cref="string"/>) or an array index (<see cref="int"/>).
/// </summary>
public sealed record TemplateReference(string Text, string Root, IReadOnlyList<object> Path)
{
    public const string InputRoot = "input";
    public const string StepsRoot = "steps";
    public const string ResultRoot = "result";
    public const string KeyRoot = "key";
    public const string InstanceIdRoot = "instanceId";

    public static IReadOnlyList<string> Roots { get; } = [InputRoot, StepsRoot, ResultRoot, KeyRoot, InstanceIdRoot];

    /// <summary>For <c>steps.x…</c>, the step name <c>x</c>; otherwise null.</summary>
    public string? StepName => Root == StepsRoot && Path.Count > 0 && Path[0] is string name ? name : null;
}
