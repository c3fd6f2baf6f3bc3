namespace SagaFunctions.Kernel.Declarations;

/// <summary>A saga's start request: validates itself, field by field, before anything is started.</summary>
public interface ISagaRequest
{
    IEnumerable<FieldError> Validate();
}
