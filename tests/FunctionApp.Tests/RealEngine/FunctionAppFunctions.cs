using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace SagaFunctions.FunctionApp.Tests.RealEngine;

/// <summary>
/// FunctionApp's Durable functions, read from their <c>[Function]</c> attributes the way the Functions host indexes them:
/// a method with an <c>[OrchestrationTrigger]</c> parameter is an orchestrator, one with an <c>[ActivityTrigger]</c>
/// parameter is an activity, named by the attribute.
/// </summary>
internal static class FunctionAppFunctions
{
    /// <summary>Every <c>[Function]</c> of the app, whatever its trigger.</summary>
    public static IReadOnlyList<MethodInfo> All { get; } =
        [.. typeof(DurableSagaClient).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)];

    public static IReadOnlyList<FunctionMethod> Orchestrators { get; } = Find<OrchestrationTriggerAttribute>();

    public static IReadOnlyList<FunctionMethod> Activities { get; } = Find<ActivityTriggerAttribute>();

    public static IReadOnlyList<FunctionMethod> HttpFunctions { get; } = Find<HttpTriggerAttribute>();

    private static List<FunctionMethod> Find<TTrigger>()
        where TTrigger : Attribute =>
        [.. All
            .Select(m => (Method: m, Trigger: m.GetParameters().SingleOrDefault(p => p.GetCustomAttribute<TTrigger>() is not null)))
            .Where(x => x.Trigger is not null)
            .Select(x => new FunctionMethod(x.Method.GetCustomAttribute<FunctionAttribute>()!.Name, x.Method, x.Trigger!))
            .OrderBy(f => f.Name, StringComparer.Ordinal)];
}

/// <summary>One Durable function: its name, its method, and its trigger parameter (the input).</summary>
internal sealed record FunctionMethod(string Name, MethodInfo Method, ParameterInfo Trigger)
{
    /// <summary>The <c>T</c> of the method's <c>Task&lt;T&gt;</c>.</summary>
    public Type OutputType => Method.ReturnType.IsGenericType && Method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
        ? Method.ReturnType.GetGenericArguments()[0]
        : throw new InvalidOperationException($"Function '{Name}' must return Task<T>, not {Method.ReturnType.Name}.");

    /// <summary>Calls the method and unwraps its <c>Task&lt;T&gt;</c> (exceptions rethrown as they are).</summary>
    public async Task<object?> InvokeAsync(object? target, object?[] arguments)
    {
        Task task;
        try
        {
            task = (Task)Method.Invoke(target, arguments)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task);
    }
}

