using System.Text.Json;
using SagaFunctions.Kernel;

namespace SagaFunctions.Kernel.Tests;

public class StatusJsonTests
{
    [Fact]
    public void JsonOptions_StatusWithoutPhase_IsNotASagaStatus()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SagaStatus>("""{"id":"dl-1","state":"starting"}""", SagaStatus.JsonOptions));
    }
}
