using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Tests.Shared.Versioning;

/// <summary>
/// A small saga declared in two versions whose steps differ, for the tests of versioned sagas in flight on both engines.
/// Version 1: <c>Pack</c> → wait for <c>release</c> → <c>Ship</c>. Version 2: <c>Pack</c> → <c>Weigh</c> → wait for
/// <c>release</c> → <c>Label</c> → <c>Ship</c>. Each activity answers its own name, so the output lists the steps run.
/// </summary>
public static class ParcelSaga
{
    public const string Route = "parcel";
    public const string ReleaseEvent = "release";
    public const string Pack = "Pack";
    public const string Weigh = "Weigh";
    public const string Label = "Label";
    public const string Ship = "Ship";

    /// <summary>The activity names, for engines to register (<see cref="RunActivity"/> runs any of them).</summary>
    public static IReadOnlyList<string> Activities { get; } = [Pack, Weigh, Label, Ship];

    /// <summary>The registrations of the given versions ("1", "2") of the saga, as a host that deploys them declares them.</summary>
    public static IReadOnlyList<SagaDeclaration> Versions(params string[] versions) =>
        [.. versions.Select(v => v switch
        {
            "1" => Registration(v, RunV1Async),
            "2" => Registration(v, RunV2Async),
            _ => throw new ArgumentOutOfRangeException(nameof(versions), v, "The parcel saga has versions 1 and 2."),
        })];

    /// <summary>Every activity: answers its own name (the step it is).</summary>
    public static StepResult<string> RunActivity(string name, StepInput<ParcelRequest> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return StepResult.Ok(name);
    }

    private static SagaDeclaration Registration(string version, Func<IOrchestrationContext, Task<ParcelResult>> run) =>
        new(Route, nameof(ParcelSaga), typeof(ParcelRequest), [ReleaseEvent, Saga.CancelEventName], async c => await run(c)) { Version = version };

    private static async Task<ParcelResult> RunV1Async(IOrchestrationContext context)
    {
        var request = context.GetInput<ParcelRequest>()!;
        var saga = new Saga(context, Route);
        List<string> steps = [await saga.Step<string>(Pack, request)];
        await saga.WaitForEvent<object>(ReleaseEvent, TimeSpan.FromDays(1));
        steps.Add(await saga.Step<string>(Ship, request));
        return saga.Complete(new ParcelResult("completed", "1", steps));
    }

    private static async Task<ParcelResult> RunV2Async(IOrchestrationContext context)
    {
        var request = context.GetInput<ParcelRequest>()!;
        var saga = new Saga(context, Route);
        List<string> steps = [await saga.Step<string>(Pack, request), await saga.Step<string>(Weigh, request)];
        await saga.WaitForEvent<object>(ReleaseEvent, TimeSpan.FromDays(1));
        steps.Add(await saga.Step<string>(Label, request));
        steps.Add(await saga.Step<string>(Ship, request));
        return saga.Complete(new ParcelResult("completed", "2", steps));
    }
}
