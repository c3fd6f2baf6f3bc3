namespace SagaFunctions.Runtime.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task StartAsync_OrderSaga_CompletesWithOutput()
    {
        await using var fixture = new RuntimeFixture();
        var runtime = await fixture.StartAsync(fixture.Builder().AddOrder());

        var start = await runtime.Client.StartAsync(Workflows.Order, new OrderInput("o1", 10m), "order-1");
        var status = await runtime.Client.WaitForCompletionAsync("order-1");

        Assert.True(start.Created);
        Assert.Equal(OrchestrationStatus.Completed, status.RuntimeStatus);
        Assert.Equal("\"CHARGE:O1,RESERVE:O1,SHIP:O1,EMAIL:O1\"", status.SerializedOutput);
        Assert.Equal("{\"orderId\":\"o1\",\"amount\":10}", status.SerializedInput);
    }
}
