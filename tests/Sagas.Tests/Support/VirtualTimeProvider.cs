using SagaFunctions.Runtime;

namespace SagaFunctions.Sagas.Tests.Support;

/// <summary>The participants' clock is the runtime's virtual clock, so seat holds expire on saga time.</summary>
internal sealed class VirtualTimeProvider(VirtualClock clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(clock.UtcNow, DateTimeKind.Utc));
}
