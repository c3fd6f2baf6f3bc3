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

public sealed class SubOrchestrationIdTests
{
    [Fact]
    public void SubOrchestrationId_KeyWithForbiddenCharacters_ReplacesThem()
    {
        Assert.Equal("a_b_c_d:step-2", Saga.SubOrchestrationId("a/b#c?d:step", 2));
    }

    [Fact]
    public void SubOrchestrationId_LongKey_IsShortenedDeterministicallyWithin100Characters()
    {
        var key = new string('k', 150);

        var first = Saga.SubOrchestrationId(key, 1);

        Assert.True(first.Length <= 100);
        Assert.Equal(first, Saga.SubOrchestrationId(key, 1));
        Assert.NotEqual(first, Saga.SubOrchestrationId(key, 2));
    }
}
