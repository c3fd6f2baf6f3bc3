using SagaFunctions.Infra.Tests.Repository;

namespace SagaFunctions.Infra.Tests.Tests;

public class RequiredAppSettingsTests
{
    [Fact]
    public void FromConstants_ConstStrings_BecomeAppSettingNamesWithDoubleUnderscore()
    {
        const string source = """
            public static class AppSettings
            {
                public const string TaskHubName = "TaskHubName";
                public const string BaseUrl = "Participants:BaseUrl";
                internal const string Table = "DeadLetters__TableName";
                public static readonly string NotAConstant = "Ignored";
            }
            """;

        Assert.Equal(["TaskHubName", "Participants__BaseUrl", "DeadLetters__TableName"], RequiredAppSettings.FromConstants(source));
    }

    [Fact]
    public void For_NoAppSettingsFile_UsesPinnedListPlusPlatformSettings()
    {
        var required = RequiredAppSettings.For(null);

        Assert.All(RequiredAppSettings.PinnedAppNames, name => Assert.Contains(name, required));
        Assert.All(RequiredAppSettings.Platform, name => Assert.Contains(name, required));
        Assert.Equal(required.Count, required.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void For_AppSettingsFile_UsesItsConstantsInsteadOfPinnedList()
    {
        var required = RequiredAppSettings.For("""public const string Only = "OnlyThis";""");

        Assert.Contains("OnlyThis", required);
        Assert.DoesNotContain("TaskHubName", required);
    }
}
