using SagaFunctions.Runtime;

namespace SagaFunctions.Standalone.RuntimeHosting;

/// <summary>
/// Owns the app's <see cref="DurableRuntime"/>. Deliberately not disposable: the container must not dispose the runtime
/// a second time after <see cref="DurableRuntimeHostedService"/> stopped it on shutdown.
/// </summary>
public sealed class EmbeddedRuntime(DurableRuntime runtime)
{
    public DurableRuntime Runtime { get; } = runtime ?? throw new ArgumentNullException(nameof(runtime));

    public DurableClient Client => Runtime.Client;
}
