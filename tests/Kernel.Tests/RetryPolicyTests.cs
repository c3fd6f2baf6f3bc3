using SagaFunctions.Kernel;

namespace SagaFunctions.Kernel.Tests;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 4)]
    [InlineData(5, 5)]
    [InlineData(9, 5)]
    public void DelayBefore_BacksOffExponentiallyUpToTheMax(int attempt, int expectedSeconds)
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), policy.DelayBefore(attempt));
    }

    [Fact]
    public void DelayBefore_FirstAttempt_IsNotARetry()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryPolicy.None.DelayBefore(1));
    }
}
