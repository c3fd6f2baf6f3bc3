using Microsoft.Extensions.Logging;

namespace SagaFunctions.Runtime.Engine;

/// <summary>What every orchestration execution shares: registrations, serializer, loggers, options.</summary>
internal sealed class RuntimeServices
{
    public RuntimeServices(
        IReadOnlyDictionary<string, Func<SagaFunctions.Kernel.IOrchestrationContext, Task<object?>>> orchestrators,
        IReadOnlyDictionary<string, ActivityRegistration> activities,
        DurableRuntimeOptions options,
        ILoggerFactory loggerFactory)
    {
        Orchestrators = orchestrators;
        Activities = activities;
        Options = options;
        LoggerFactory = loggerFactory;
        Serializer = new PayloadSerializer(options.SerializerOptions, options.MaxPayloadBytes);
    }

    public IReadOnlyDictionary<string, Func<SagaFunctions.Kernel.IOrchestrationContext, Task<object?>>> Orchestrators { get; }

    public IReadOnlyDictionary<string, ActivityRegistration> Activities { get; }

    public DurableRuntimeOptions Options { get; }

    public ILoggerFactory LoggerFactory { get; }

    public PayloadSerializer Serializer { get; }

    /// <summary>Asks the dispatcher for an episode of the instance (set by the runtime).</summary>
    public Action<string>? Wake { get; set; }
}
