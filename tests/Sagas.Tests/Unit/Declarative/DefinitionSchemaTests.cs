using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using SagaFunctions.Sagas.Declarative;

namespace SagaFunctions.Sagas.Tests.Unit.Declarative;

/// <summary>
/// The published JSON Schema (definitions/saga-definition.schema.json) against the shipped definition and against the
/// reader: what the schema refuses, the app's hand-written structural checks refuse too.
/// </summary>
public class DefinitionSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(ShippedDefinition.Folder, "saga-definition.schema.json")));

    private static EvaluationResults Evaluate(string json) =>
        Schema.Evaluate(JsonDocument.Parse(json).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static JsonObject Shipped() => JsonNode.Parse(File.ReadAllText(ShippedDefinition.File))!.AsObject();

    [Fact]
    public void ShippedDefinition_ValidatesAgainstThePublishedSchema()
    {
        var results = Evaluate(File.ReadAllText(ShippedDefinition.File));

        Assert.True(results.IsValid, string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}")));
    }

    [Fact]
    public void ShippedDefinition_ReferencesTheSchemaBesideIt()
    {
        Assert.Equal("./saga-definition.schema.json", Shipped()["$schema"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("unknown root property")]
    [InlineData("unknown service")]
    [InlineData("step with two kinds")]
    [InlineData("bad field type")]
    [InlineData("bad retry")]
    public void StructuralError_RefusedByTheSchemaAndByTheReader(string what)
    {
        var definition = Shipped();
        var step = definition["steps"]![0]!.AsObject();
        switch (what)
        {
            case "unknown root property":
                definition["stepz"] = new JsonArray();
                break;
            case "unknown service":
                step["call"]!["service"] = "banking";
                break;
            case "step with two kinds":
                step["wait"] = new JsonObject { ["event"] = "approval", ["timeoutSeconds"] = 5 };
                break;
            case "bad field type":
                definition["input"]!["amount"]!["type"] = "money";
                break;
            case "bad retry":
                step["retry"] = new JsonObject { ["maxAttempts"] = 0 };
                break;
        }

        var json = definition.ToJsonString();
        Assert.False(Evaluate(json).IsValid);
        Assert.NotEmpty(DefinitionReader.Read("x.json", json).Errors);
    }
}
