namespace SagaFunctions.FunctionApp.Tests;

public class TableKeysTests
{
    [Theory]
    [InlineData("inst-1:ChargePayment", "inst-1:ChargePayment")]
    [InlineData("a/b\\c#d?e", "a~2Fb~5Cc~23d~3Fe")]
    [InlineData("tilde~x", "tilde~7Ex")]
    [InlineData("tab\tnl\n\u007f\u009f", "tab~09nl~0A~7F~9F")]
    [InlineData("it's", "it's")]
    public void EscapeKey_ForbiddenCharacters_EscapedReversibly(string value, string expected)
    {
        var key = TableKeys.EscapeKey(value);

        Assert.Equal(expected, key);
        Assert.Equal(value, TableKeys.UnescapeKey(key));
        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Fact]
    public void EscapeKey_LongerThanOneKibibyteEscaped_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => TableKeys.EscapeKey(new string('/', 200)));

        Assert.Contains("too long", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapeKey_Empty_Throws() => Assert.Throws<ArgumentException>(() => TableKeys.EscapeKey(string.Empty));

    [Theory]
    [InlineData("bad~")]
    [InlineData("bad~4")]
    [InlineData("bad~ZZ")]
    public void UnescapeKey_Malformed_ThrowsFormatException(string key) =>
        Assert.Throws<FormatException>(() => TableKeys.UnescapeKey(key));

    [Theory]
    [InlineData("SagaDeadLetters")]
    [InlineData("abc")]
    public void ValidateTableName_Valid_ReturnsName(string name) =>
        Assert.Equal(name, TableKeys.ValidateTableName(name, AppSettings.DeadLettersTableName));

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("dead-letters")]
    public void ValidateTableName_Invalid_ThrowsNamingTheSetting(string name)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TableKeys.ValidateTableName(name, AppSettings.DeadLettersTableName));

        Assert.Contains(AppSettings.DeadLettersTableName, ex.Message, StringComparison.Ordinal);
    }
}
