using System.Text.Json.Nodes;
using SagaFunctions.Sagas.Declarative;

namespace SagaFunctions.Sagas.Tests.Unit.Declarative;

/// <summary>Each class of definition error, reported with the file and the JSON path of the offending value.</summary>
public class DefinitionReaderTests
{
    private const string File = "test-saga.json";

    private static JsonObject Valid() => JsonNode.Parse(System.IO.File.ReadAllText(ShippedDefinition.File))!.AsObject();

    private static string[] Errors(JsonObject definition) => Errors(definition.ToJsonString());

    private static string[] Errors(string json)
    {
        var (definition, errors) = DefinitionReader.Read(File, json);
        Assert.True(errors.Count == 0 || definition is null);
        return [.. errors.Select(e => e.ToString())];
    }

    private static JsonObject Step(JsonObject definition, int index) => definition["steps"]![index]!.AsObject();

    [Fact]
    public void Read_ShippedOrderFulfillment_HasNoErrors()
    {
        var definition = ShippedDefinition.Load();

        Assert.Equal("order-fulfillment", definition.Name);
        Assert.Equal(["chargePayment", "reserveInventory", "createShipment", "sendConfirmation"], definition.Steps.Select(s => s.Name));
        Assert.True(definition.Steps[^1].NonCritical);
        Assert.All(definition.Steps.Take(3), s => Assert.NotNull(s.Compensation));
    }

    [Fact]
    public void Read_NotJson_NamesFileAndPosition()
    {
        var error = Assert.Single(Errors("{\"name\": \"x\","));
        Assert.StartsWith($"{File}: $: is not valid JSON:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownProperty_NamesItsPath()
    {
        var definition = Valid();
        Step(definition, 1)["compensaton"] = new JsonObject();

        Assert.Contains($"{File}: $.steps[1].compensaton: unknown property 'compensaton' (expected one of: name, call, compensation, compensable, retry, timeoutSeconds, nonCritical, pivot, parallel, wait).", Errors(definition));
    }

    [Fact]
    public void Read_BadTypes_NameEachValue()
    {
        var definition = Valid();
        Step(definition, 0)["retry"] = new JsonObject { ["maxAttempts"] = "three", ["backoff"] = 0.5 };
        Step(definition, 3)["nonCritical"] = "yes";
        definition["input"]!["amount"]!["type"] = "money";
        definition["steps"]![2]!["call"]!["body"] = "not an object";

        var errors = Errors(definition);

        Assert.Contains($"{File}: $.steps[0].retry.maxAttempts: must be a whole number between 1 and 100, not \"three\".", errors);
        Assert.Contains($"{File}: $.steps[0].retry.backoff: must be a number between 1 and 10, not 0.5.", errors);
        Assert.Contains($"{File}: $.steps[3].nonCritical: must be true or false, not a string.", errors);
        Assert.Contains($"{File}: $.input.amount.type: unknown type 'money' (types: id, text, integer, amount, boolean, object, array).", errors);
        Assert.Contains($"{File}: $.steps[2].call.body: must be an object (the request body template), not a string.", errors);
    }

    [Fact]
    public void Read_UnknownService_ListsTheServices()
    {
        var definition = Valid();
        definition["steps"]![0]!["call"]!["service"] = "paymnts";

        Assert.Equal(
            [$"{File}: $.steps[0].call.service: unknown service 'paymnts' (services: payments, inventory, shipping, notifications, accounts, seats, environments, claims, migration, processing)."],
            Errors(definition));
    }

    [Fact]
    public void Read_UnknownOperation_ListsTheServicesOperations()
    {
        var definition = Valid();
        definition["steps"]![0]!["compensation"]!["method"] = "refnd";

        Assert.Equal([$"{File}: $.steps[0].compensation.method: service 'payments' has no operation 'refnd' (operations: charge, refund)."], Errors(definition));
    }

    [Fact]
    public void Read_UnknownStepReferenced_NamesTheExpressionAndTheSteps()
    {
        var definition = Valid();
        definition["steps"]![3]!["call"]!["body"]!["subject"] = "${steps.charge.paymentId}";

        Assert.Equal(
            [$"{File}: $.steps[3].call.body.subject: '${{steps.charge.paymentId}}' cannot be resolved: unknown step 'charge' (steps: chargePayment, reserveInventory, createShipment, sendConfirmation)."],
            Errors(definition));
    }

    [Fact]
    public void Read_LaterStepReferenced_IsRefused()
    {
        var definition = Valid();
        definition["steps"]![0]!["call"]!["body"]!["orderId"] = "${steps.createShipment.shipmentId}";

        Assert.Equal(
            $"{File}: $.steps[0].call.body.orderId: '${{steps.createShipment.shipmentId}}' cannot be resolved: step 'createShipment' has not run yet at this point (only earlier steps' results can be used).",
            Assert.Single(Errors(definition)));
    }

    [Fact]
    public void Read_UnresolvableInputExpression_NamesTheInputFields()
    {
        var definition = Valid();
        definition["steps"]![0]!["call"]!["body"]!["amount"] = "${input.ammount}";
        definition["steps"]![1]!["call"]!["body"]!["items"] = "${input.items.sku}";
        definition["output"]!["orderId"] = "${result.orderId}";
        definition["output"]!["paymentId"] = "${input.orderId";

        var errors = Errors(definition);

        Assert.Contains($"{File}: $.steps[0].call.body.amount: '${{input.ammount}}' cannot be resolved: the input has no field 'ammount' (fields: orderId, customerId, items, amount).", errors);
        Assert.Contains($"{File}: $.steps[1].call.body.items: '${{input.items.sku}}' cannot be resolved: 'items' is an array: index it first (items[0]).", errors);
        Assert.Contains($"{File}: $.output.orderId: '${{result.orderId}}' cannot be resolved: 'result' (the step's own result) is only available in a compensation's body.", errors);
        Assert.Contains(errors, e => e.StartsWith($"{File}: $.output.paymentId: malformed expression: '${{' at character 0 has no closing", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_CompensableStepWithoutCompensation_IsRefused()
    {
        var definition = Valid();
        Step(definition, 1).Remove("compensation");

        Assert.Equal(
            [$"{File}: $.steps[1]: step 'reserveInventory' is compensable but has no compensation (add one, or set \"compensable\": false when there is nothing to undo)."],
            Errors(definition));
    }

    [Fact]
    public void Read_CompensableFalse_NeedsNoCompensation()
    {
        var definition = Valid();
        Step(definition, 1).Remove("compensation");
        Step(definition, 1)["compensable"] = false;

        Assert.Empty(Errors(definition));
    }

    [Fact]
    public void Read_CompensationWhereNoneRuns_IsRefused()
    {
        var definition = Valid();
        Step(definition, 3)["compensation"] = Step(definition, 0)["compensation"]!.DeepClone();
        Step(definition, 2)["pivot"] = true;

        var errors = Errors(definition);

        Assert.Equal([$"{File}: $.steps[3].compensation: step 'sendConfirmation' comes after the pivot: it is never compensated (forward recovery only)."], errors);
    }

    [Fact]
    public void Read_NonCriticalWithCompensation_IsRefused()
    {
        var definition = Valid();
        Step(definition, 3)["compensation"] = Step(definition, 0)["compensation"]!.DeepClone();

        Assert.Equal([$"{File}: $.steps[3].compensation: step 'sendConfirmation' is non-critical: its failure is a warning and it is never compensated."], Errors(definition));
    }

    [Fact]
    public void Read_DuplicateStepNames_PointAtTheFirst()
    {
        var definition = Valid();
        Step(definition, 2)["name"] = "chargePayment";

        Assert.Contains($"{File}: $.steps[2].name: step 'chargePayment' is defined twice (first at $.steps[0]).", Errors(definition));
    }

    [Fact]
    public void Read_StepWithTwoKinds_IsRefused()
    {
        var definition = Valid();
        Step(definition, 0)["wait"] = new JsonObject { ["event"] = "approval", ["timeoutSeconds"] = 60 };

        Assert.Equal([$"{File}: $.steps[0]: a step is one of 'call', 'parallel' or 'wait', not call and wait."], Errors(definition));
    }

    [Fact]
    public void Read_WaitForCancelOrWithoutTimeout_IsRefused()
    {
        var definition = Valid();
        ((JsonArray)definition["steps"]!).Insert(1, new JsonObject { ["name"] = "hold", ["wait"] = new JsonObject { ["event"] = "cancel", ["onTimeout"] = "retry" } });

        var errors = Errors(definition);

        Assert.Contains($"{File}: $.steps[1].wait.event: 'cancel' must be an event name (letters, digits, underscores), and not 'cancel' or 'retry' (the kernel's own events).", errors);
        Assert.Contains($"{File}: $.steps[1].wait.timeoutSeconds: is required (how long the saga waits, in seconds).", errors);
        Assert.Contains($"{File}: $.steps[1].wait.onTimeout: must be 'compensate' or 'continue', not 'retry'.", errors);
    }

    [Fact]
    public void Read_BadNameAndMissingDescription_AreRefused()
    {
        var definition = Valid();
        definition["name"] = "Order Fulfillment";
        definition.Remove("description");

        var errors = Errors(definition);

        Assert.Contains($"{File}: $.name: 'Order Fulfillment' must be a route name: lowercase letters, digits and dashes, starting with a letter, at most 50 characters.", errors);
        Assert.Contains($"{File}: $.description: is required (a non-empty string).", errors);
    }

    [Fact]
    public void FromFiles_SameNameTwiceOrACSharpRoute_IsRefusedNamingBothFiles()
    {
        var json = Valid().ToJsonString();
        var order = Valid();
        order["name"] = "order";

        var ex = Assert.Throws<InvalidDefinitionException>(() =>
            DeclarativeSagas.FromFiles([("a.json", json), ("b.json", json), ("c.json", order.ToJsonString())], ["order", "money-transfer"]));

        Assert.Equal(
            ["b.json: $.name: saga 'order-fulfillment' is also defined in a.json.", "c.json: $.name: saga 'order' is already a C# saga's route."],
            ex.Errors.Select(e => e.ToString()));
        Assert.Contains("b.json: $.name: saga 'order-fulfillment' is also defined in a.json.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfiguredFolderMissing_Throws_DefaultFolderMissing_IsEmpty()
    {
        var root = Path.Combine(Path.GetTempPath(), "no-definitions-" + Guid.NewGuid().ToString("N"));

        Assert.Empty(DeclarativeSagas.Load(null, root, []));
        var ex = Assert.Throws<InvalidDefinitionException>(() => DeclarativeSagas.Load("missing", root, []));
        Assert.Contains("the folder named by Sagas:DefinitionsPath does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RepositoryFolder_RegistersOrderFulfillmentOnTheGenericOrchestrator()
    {
        var registration = Assert.Single(DeclarativeSagas.Load(ShippedDefinition.Folder, "/", ["order"]));

        Assert.Equal("order-fulfillment", registration.Route);
        Assert.Equal(nameof(DeclarativeSaga), registration.OrchestratorName);
        Assert.True(registration.SharesOrchestrator);
        Assert.Equal(["cancel"], registration.EventNames);
        Assert.Equal("declarative", registration.Definition!.Kind);
        Assert.Equal(["chargePayment", "reserveInventory", "createShipment", "sendConfirmation"], registration.Definition.Steps.Select(s => s.Name));
        Assert.Equal(["completed", "failed", "cancelled"], registration.Definition.Outcomes);
    }

    /// <summary>The example of the README's "Validation errors", as the app prints it.</summary>
    [Fact]
    public void FromFiles_ReadmeExample_ListsBothErrorsWithFileAndPath()
    {
        const string refunds = """
            {"name":"refunds","description":"d","input":{"paymentId":{"type":"id"}},"steps":[
              {"name":"refund","compensable":false,"call":{"service":"payments","method":"refund","body":{"chargeKey":"${steps.charge.key}"}}},
              {"name":"notify","call":{"service":"notifications","method":"send","body":{"to":"x","subject":"s","body":"b"}}}]}
            """;

        var ex = Assert.Throws<InvalidDefinitionException>(() => DeclarativeSagas.FromFiles([("refunds.json", refunds)], []));

        Assert.Equal(
            string.Join(
                Environment.NewLine,
                "2 error(s) in the declarative saga definitions:",
                "  refunds.json: $.steps[0].call.body.chargeKey: '${steps.charge.key}' cannot be resolved: unknown step 'charge' (steps: refund, notify).",
                "  refunds.json: $.steps[1]: step 'notify' is compensable but has no compensation (add one, or set \"compensable\": false when there is nothing to undo)."),
            ex.Message);
    }
}
