using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace SagaFunctions.FunctionApp.Tests.RealEngine;

/// <summary>
/// Runs one of FunctionApp's activity functions: the function class is created per invocation from the app's scoped
/// services (as the Functions worker does), the trigger parameter gets the input the worker deserialized with the app's
/// data converter, and a <see cref="CancellationToken"/> or <see cref="FunctionContext"/> parameter gets one. The
/// invocation runs through the app's worker middleware for activities (<see cref="ActivityTracingMiddleware"/>, which
/// <c>ConfigureSagaFunctionApp</c> applies to activity triggers), as in the Functions worker.
/// </summary>
internal sealed class FunctionActivity(FunctionMethod function, IServiceProvider functionAppServices, Action<string, object?> onCall) : ITaskActivity
{
    public Type InputType => function.Trigger.ParameterType;

    public Type OutputType => function.OutputType;

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        onCall(function.Name, input);
        await using var scope = functionAppServices.CreateAsyncScope();
        var invocation = ActivityInvocation.Context(function.Name, ActivityTracingMiddleware.ActivityTriggerType, input, scope.ServiceProvider).Object;
        await new ActivityTracingMiddleware().Invoke(invocation, async c =>
        {
            var target = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Method.DeclaringType!);
            var arguments = function.Method.GetParameters().Select(p => p switch
            {
                _ when p == function.Trigger => input,
                { ParameterType: var t } when t == typeof(CancellationToken) => CancellationToken.None,
                { ParameterType: var t } when t == typeof(FunctionContext) => c,
                _ => scope.ServiceProvider.GetRequiredService(p.ParameterType),
            }).ToArray();
            c.GetInvocationResult().Value = await function.InvokeAsync(target, arguments);
        });
        return invocation.GetInvocationResult().Value;
    }
}
