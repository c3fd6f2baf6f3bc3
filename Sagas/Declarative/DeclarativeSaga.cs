using System.Text.Json;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.Common;

namespace SagaFunctions.Sagas.Declarative;

/// <summary>
/// The one orchestrator every declarative saga runs, on both engines: it reads the definition recorded in its input
/// (<see cref="DeclarativeSagaInput"/>) and drives the kernel's <see cref="Saga"/> with it — each call step a
/// <c>Step</c> (with <c>CompensateWith</c>, retry policy, pivot) or an <c>Optional</c> (non-critical), each parallel group
/// a <c>Parallel</c>, each wait a <c>WaitForEvent</c> — so idempotency keys, in-doubt steps, dead letters, cancel and the
/// progress published to the status view are exactly those of a C# saga. Bodies are evaluated here, from the input and
/// the recorded results only (<see cref="Templates"/>): deterministic under replay.
/// </summary>
public static class DeclarativeSaga
{
    /// <summary>The activity of every call step.</summary>
    public const string CallActivity = nameof(DeclarativeActivities.CallParticipant);

    /// <summary>The activity of every compensation.</summary>
    public const string CompensateActivity = nameof(DeclarativeActivities.CompensateParticipant);

    public static async Task<DeclarativeResult> RunAsync(IOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<DeclarativeSagaInput>()
            ?? throw new ArgumentException($"{context.Name} ({context.InstanceId}) was started without a declarative saga input.", nameof(context));
        var (_, errors) = InputSchema.Validate(input.Definition.Input, input.Input);
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"{input.Saga} ({context.InstanceId}) was started with an invalid request: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
                nameof(context));
        }

        return await SagaTelemetry.RunAsync(context, input.Saga, c => RunSagaAsync(c, input));
    }

    private static async Task<DeclarativeResult> RunSagaAsync(IOrchestrationContext context, DeclarativeSagaInput input)
    {
        var definition = input.Definition;
        var saga = new Saga(context, input.Saga);
        var results = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        var scope = new TemplateScope(input.Input, results, context.InstanceId);
        string? timeoutOutcome = null;
        try
        {
            foreach (var step in definition.Steps)
            {
                if (step.Wait is { } wait)
                {
                    var received = await saga.WaitForEvent<JsonElement>(wait.Event, TimeSpan.FromSeconds(wait.TimeoutSeconds));
                    results[step.Name] = received.Received ? received.Value : null;
                    if (!received.Received && wait.OnTimeout == WaitSpec.Compensate)
                    {
                        timeoutOutcome = wait.Outcome;
                        throw new SagaFailedException(new SagaFailure(
                            SagaFailureKind.Rejected, step.Name, "timeout", $"No '{wait.Event}' event within {wait.TimeoutSeconds} s."));
                    }
                }
                else if (step.Parallel is { } branches)
                {
                    var values = await saga.Parallel(step.Name, [.. branches.Select(b => Builder(saga, b, scope))]);
                    for (var i = 0; i < branches.Count; i++)
                    {
                        results[branches[i].Name] = values[i];
                    }
                }
                else if (step.NonCritical)
                {
                    results[step.Name] = await saga.Optional<JsonElement?>(CallActivity, Call(saga, step, scope), step.Name, step.Retry?.ToPolicy());
                }
                else
                {
                    results[step.Name] = await Builder(saga, step, scope);
                }
            }

            return saga.Succeed(Result(definition, definition.Outcomes.Success, scope));
        }
        catch (SagaFailedException ex)
        {
            var outcomes = definition.Outcomes;
            return await saga.CompensateAndEndAsync(ex.Failure, end => Result(
                definition,
                end.Phase == SagaPhase.ManualInterventionRequired ? outcomes.ManualIntervention : end.WasCancelled ? outcomes.Cancelled : timeoutOutcome ?? outcomes.Failure,
                scope));
        }
    }

    private static StepBuilder<JsonElement?> Builder(Saga saga, DeclarativeStep step, TemplateScope scope)
    {
        var builder = saga.Step<JsonElement?>(CallActivity, Call(saga, step, scope)).Named(step.Name);
        if (step.Compensation is not null)
        {
            _ = builder.CompensateWith(CompensateActivity);
        }

        if (step.Retry is { } retry)
        {
            _ = builder.WithRetry(retry.ToPolicy());
        }

        return step.Pivot ? builder.AsPivot() : builder;
    }

    /// <summary>The step's request, evaluated now from the input and the results so far.</summary>
    private static ParticipantCall Call(Saga saga, DeclarativeStep step, TemplateScope scope)
    {
        var call = step.Call!;
        var snapshot = scope with { Steps = new Dictionary<string, JsonElement?>(scope.Steps, StringComparer.Ordinal), Key = saga.KeyFor(step.Name) };
        return new ParticipantCall(
            call.Service,
            call.Method,
            call.Path,
            Templates.Evaluate(call.Body, snapshot),
            step.TimeoutSeconds,
            step.Compensation,
            step.Compensation is null ? null : snapshot with { Key = null });
    }

    private static DeclarativeResult Result(DeclarativeDefinition definition, string status, TemplateScope scope) => new()
    {
        Status = status,
        Fields = definition.Output.ToDictionary(o => o.Key, o => Templates.Evaluate(o.Value, scope), StringComparer.Ordinal),
    };
}
