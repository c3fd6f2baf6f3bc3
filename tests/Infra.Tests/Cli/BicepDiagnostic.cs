namespace SagaFunctions.Infra.Tests.Cli;

/// <summary>One compiler or linter diagnostic. Level is SARIF's: error, warning or note.</summary>
public sealed record BicepDiagnostic(string File, int Line, int Column, string Level, string Code, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): {Level} {Code}: {Message}";
}
