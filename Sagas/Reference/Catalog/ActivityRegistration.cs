namespace SagaFunctions.Sagas.Catalog;

/// <summary>
/// One activity as the embedded runtime registers it: name (<c>nameof</c> of the method), input type, and a call into
/// the shared activity code resolved from the host's services.
/// </summary>
public sealed record ActivityRegistration(
    string Name,
    Type InputType,
    Func<IServiceProvider, object?, CancellationToken, Task<object?>> Invoke)
{
    /// <summary>The route of the saga whose activity this is (the <c>saga</c> tag of its span); null when shared.</summary>
    public string? Saga { get; init; }
}
