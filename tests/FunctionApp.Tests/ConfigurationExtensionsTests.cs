using Microsoft.Extensions.Configuration;

namespace SagaFunctions.FunctionApp.Tests;

public class ConfigurationExtensionsTests
{
    private static IConfiguration Config(string key, string? value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

    [Fact]
    public void GetSetting_DoubleUnderscoreName_ReadsConfigurationSection() =>
        Assert.Equal("http://localhost:7072", Config("Participants:BaseUrl", " http://localhost:7072 ").GetSetting(AppSettings.ParticipantsBaseUrl));

    [Fact]
    public void GetSetting_Blank_ReturnsNull() =>
        Assert.Null(Config("DeadLetters:TableName", "  ").GetSetting(AppSettings.DeadLettersTableName));

    [Fact]
    public void GetRequiredHttpUri_AbsoluteHttpUrl_ReturnsIt() =>
        Assert.Equal(new Uri("http://localhost:7072"), Config("Participants:BaseUrl", "http://localhost:7072").GetRequiredHttpUri(AppSettings.ParticipantsBaseUrl));

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("localhost:7072", "must be an absolute http")]
    [InlineData("ftp://example.com", "must be an absolute http")]
    [InlineData("/relative", "must be an absolute http")]
    public void GetRequiredHttpUri_MissingOrInvalid_ThrowsNamingTheSetting(string? value, string message)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Config("Participants:BaseUrl", value).GetRequiredHttpUri(AppSettings.ParticipantsBaseUrl));

        Assert.Contains(AppSettings.ParticipantsBaseUrl, ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
