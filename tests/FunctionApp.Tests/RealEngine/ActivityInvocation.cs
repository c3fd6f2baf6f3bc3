using System.Collections;
using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Context.Features;
using Moq;

namespace SagaFunctions.FunctionApp.Tests.RealEngine;

/// <summary>
/// A <see cref="FunctionContext"/> for one activity-trigger invocation, as the Functions worker builds it for its
/// middleware: the function's definition (name, an <c>activityTrigger</c> input binding), its bound input
/// (<see cref="IFunctionInputBindingFeature"/>) and the worker's bindings feature, which holds the invocation result
/// that <c>GetInvocationResult()</c> reads and writes. That feature's interface is internal to the worker, so its
/// implementation is a Moq proxy made by reflection (the worker lets Moq's proxy assembly see its internals).
/// </summary>
internal static class ActivityInvocation
{
    private static readonly Type BindingsFeature = typeof(FunctionContext).Assembly
        .GetType("Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature", throwOnError: true)!;

    public static Mock<FunctionContext> Context(string functionName, string triggerType, object? input, IServiceProvider? services = null)
    {
        var binding = new Mock<BindingMetadata>();
        binding.SetupGet(b => b.Type).Returns(triggerType);
        binding.SetupGet(b => b.Name).Returns("input");
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns(functionName);
        definition.SetupGet(d => d.InputBindings).Returns(ImmutableDictionary<string, BindingMetadata>.Empty.Add("input", binding.Object));
        var inputs = new Mock<IFunctionInputBindingFeature>();
        inputs.Setup(f => f.BindFunctionInputAsync(It.IsAny<FunctionContext>()))
            .ReturnsAsync(new FunctionInputBindingResult([input, CancellationToken.None]));
        var features = new Features();
        features.Set(inputs.Object);
        features.Set(BindingsFeature, NewBindingsFeature());
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.FunctionId).Returns(functionName);
        context.SetupGet(c => c.Features).Returns(features);
        if (services is not null)
        {
            context.SetupGet(c => c.InstanceServices).Returns(services);
        }

        return context;
    }

    /// <summary>A proxy of the worker's bindings feature whose properties (the invocation result among them) keep what is set.</summary>
    private static object NewBindingsFeature()
    {
        var mock = (Mock)Activator.CreateInstance(typeof(Mock<>).MakeGenericType(BindingsFeature))!;
        mock.GetType().GetMethod(nameof(Mock<object>.SetupAllProperties))!.Invoke(mock, null);
        return mock.Object;
    }

    private sealed class Features : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public void Set<T>(T instance) => Set(typeof(T), instance!);

        public void Set(Type type, object instance) => _features[type] = instance;

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
