using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SagaFunctions.Standalone.Tests.Composition;

public sealed class StartupValidationTests
{
    [Fact]
    public void Start_EmptyDataDirectory_FailsWithAClearMessage()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Standalone:DataDirectory", " ");
            builder.ConfigureLogging(logging => logging.ClearProviders());
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Standalone:DataDirectory", error.Message, StringComparison.Ordinal);
    }
}
