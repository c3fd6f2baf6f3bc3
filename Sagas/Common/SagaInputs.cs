using SagaFunctions.Kernel;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Sagas.Common;

/// <summary>Reads and validates an orchestration's input, so a saga started around the HTTP API fails with a clear error.</summary>
public static class SagaInputs
{
    public static T Require<T>(IOrchestrationContext context)
        where T : class, ISagaRequest
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.GetInput<T>()
            ?? throw new ArgumentException($"{context.Name} ({context.InstanceId}) was started without a {typeof(T).Name}.", nameof(context));
        var errors = request.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"{context.Name} ({context.InstanceId}) was started with an invalid {typeof(T).Name}: " +
                string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")),
                nameof(context));
        }

        return request;
    }
}
