namespace SagaFunctions.Sagas.Declarative;

/// <summary>A piece of a template string: literal text, or a reference (exactly one of the two is set).</summary>
public sealed record TemplatePart(string? Literal, TemplateReference? Reference);
