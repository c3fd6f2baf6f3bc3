namespace SagaFunctions.FunctionApp.Tests.Scenarios;

public class SmokeTests
{
    [Fact]
    public async Task Order_BothEngines_Completed()
    {
        foreach (var start in new Func<Task<ISagaEngine>>[] { async () => await EmbeddedEngine.StartAsync(), async () => await DurableEngine.StartAsync() })
        {
            await using var engine = await start();
            var run = new SagaRun(engine);
            await run.StartAsync("order", "o-1", new { orderId = "o-1", customerId = "c-1", items = new[] { new { sku = "ITEM-001", quantity = 2 } }, amount = 99.99m });
            var view = await run.RunToEndAsync("order", "o-1");
            Console.WriteLine(engine.Name + ": " + view.GetRawText());
        }
    }
}
