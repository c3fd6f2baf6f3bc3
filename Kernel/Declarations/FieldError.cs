namespace SagaFunctions.Kernel.Declarations;

/// <summary>A validation error naming the offending JSON field (camelCase path, e.g. <c>items[0].quantity</c>).</summary>
public sealed record FieldError(string Field, string Message);
