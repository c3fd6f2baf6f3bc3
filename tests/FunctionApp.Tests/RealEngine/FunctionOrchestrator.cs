using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Moq;

namespace SagaFunctions.FunctionApp.Tests.RealEngine;

/// <summary>
/// Runs one of FunctionApp's orchestrator functions on the Durable worker the way the Functions extension does: the
/// worker's context is wrapped in the extension's own <c>FunctionsOrchestrationContext</c> (which converts inputs with
/// the worker's data converter and JSON options, and throws on an await that leaves the orchestrator thread), the input
/// is taken as <see cref="object"/>, and the function method is called with that context.
/// </summary>
internal sealed class FunctionOrchestrator(FunctionMethod function, IServiceProvider functionAppServices) : ITaskOrchestrator
{
    private static readonly Type ContextType =
        typeof(OrchestrationTriggerAttribute).Assembly.GetType("Microsoft.Azure.Functions.Worker.Extensions.DurableTask.FunctionsOrchestrationContext", throwOnError: true)!;

    public Type InputType => typeof(object);

    public Type OutputType => function.OutputType;

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        var functionContext = new Mock<FunctionContext>();
        functionContext.SetupGet(c => c.InstanceServices).Returns(functionAppServices);
        functionContext.SetupGet(c => c.FunctionId).Returns(function.Name);
        var wrapped = (TaskOrchestrationContext)Activator.CreateInstance(ContextType, context, functionContext.Object)!;
        return function.InvokeAsync(null, [wrapped]);
    }
}
