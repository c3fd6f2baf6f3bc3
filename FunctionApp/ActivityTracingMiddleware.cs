using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Context.Features;
using Microsoft.Azure.Functions.Worker.Middleware;
using SagaFunctions.Kernel;
using SagaFunctions.Sagas.Catalog;

namespace SagaFunctions.FunctionApp;

/// <summary>
/// Wraps every activity-trigger execution in its <see cref="SagaTracing"/> span, as the embedded runtime's host does
/// around its activity calls: one span per real execution (Durable replays orchestrators, never activities), with the
/// participant calls inside it as children carrying its W3C trace context. The span is a child of the current span,
/// the engine's span of this activity execution, which descends from the saga's <c>saga.start</c> span
/// (<see cref="FunctionAppTracing"/>), so the whole saga is one trace.
/// </summary>
public sealed class ActivityTracingMiddleware : IFunctionsWorkerMiddleware
{
    /// <summary>The trigger binding type of Durable activity functions.</summary>
    public const string ActivityTriggerType = "activityTrigger";

    /// <summary>True for a function bound to an activity trigger.</summary>
    public static bool IsActivity(FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, ActivityTriggerType, StringComparison.OrdinalIgnoreCase));
    }

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var name = context.FunctionDefinition.Name;

        // The worker caches the bound inputs, so the function receives the same objects this reads.
        var binding = context.Features.Get<IFunctionInputBindingFeature>();
        var inputs = binding is null ? null : (await binding.BindFunctionInputAsync(context)).Values;
        var input = inputs?.OfType<ISagaActivityInput>().FirstOrDefault();
        await SagaTracing.TraceActivityAsync(name, SagaCatalog.FindActivity(name)?.Saga, input, async () =>
        {
            await next(context);
            return context.GetInvocationResult().Value;
        });
    }
}
