namespace SagaFunctions.Kernel.Tests.Declarations;

/// <summary>An activities class for the declaration tests: two activities, and members that are not activities.</summary>
public sealed class ParcelActivities
{
    public int Calls { get; private set; }

    public Task<StepResult<string>> Pack(StepInput<string> input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Calls++;
        return Task.FromResult(StepResult.Ok($"packed {input.Data}"));
    }

    public Task<string> Unpack(CompensationInput<string, string> input, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult("compensated");
    }

    /// <summary>Not an activity: no cancellation token.</summary>
    public Task<string> Describe(string parcel) => Task.FromResult(parcel);

    /// <summary>Not an activity: not a task.</summary>
    public string Label(string parcel, CancellationToken cancellationToken) => parcel;
}
