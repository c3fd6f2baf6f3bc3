namespace SagaFunctions.Infra.Tests.Bicep;

/// <summary>
/// A <c>module</c> or <c>resource</c> declaration: its symbol, its quoted reference (module path or
/// <c>Type@version</c>), whether it is <c>existing</c>, and its body object (null when none was found).
/// </summary>
public sealed record BicepDeclaration(string Keyword, string Symbol, string Reference, bool IsExisting, BicepValue? Body)
{
    /// <summary>The <c>params</c> object of a module, or the <c>properties</c> object of a resource.</summary>
    public BicepValue? Settings => Body?.Property(Keyword == "module" ? "params" : "properties");
}
