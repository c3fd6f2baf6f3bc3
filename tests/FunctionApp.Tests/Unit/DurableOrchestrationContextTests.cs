using Microsoft.DurableTask;
using Moq;
using SagaFunctions.Kernel;
using KernelRetryPolicy = SagaFunctions.Kernel.RetryPolicy;

namespace SagaFunctions.FunctionApp.Tests.Unit;

public class DurableOrchestrationContextTests
{
    [Fact]
    public async Task CallActivityAsync_TaskFailed_BecomesActivityFailedWithTypeAndMessage()
    {
        var context = new Mock<TaskOrchestrationContext>();
        var failure = new TaskFailedException("ChargePayment", 7, new TaskFailureDetails("System.TimeoutException", "payments timed out", null, null, null));
        context.Setup(c => c.CallActivityAsync<string>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ThrowsAsync(failure);

        var error = await Assert.ThrowsAsync<ActivityFailedException>(() => new DurableOrchestrationContext(context.Object).CallActivityAsync<string>("ChargePayment", "in"));

        Assert.Equal("ChargePayment", error.ActivityName);
        Assert.Equal("System.TimeoutException", error.ErrorType);
        Assert.Equal("payments timed out", error.ErrorMessage);
        Assert.Same(failure, error.InnerException);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_TaskFailed_BecomesActivityFailedNamingTheOrchestrator()
    {
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.CallSubOrchestratorAsync<int>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .ThrowsAsync(new TaskFailedException("MigrationBatches", 3, new TaskFailureDetails("InvalidOperationException", "chunk failed", null, null, null)));

        var error = await Assert.ThrowsAsync<ActivityFailedException>(() => new DurableOrchestrationContext(context.Object).CallSubOrchestratorAsync<int>("MigrationBatches", null, "m-1:chunk-0"));

        Assert.Equal("MigrationBatches", error.ActivityName);
        Assert.Equal("chunk failed", error.ErrorMessage);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_InstanceId_PassedAsSubOrchestrationOptions()
    {
        var context = new Mock<TaskOrchestrationContext>();
        TaskOptions? seen = null;
        context.Setup(c => c.CallSubOrchestratorAsync<int>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Callback<TaskName, object?, TaskOptions?>((_, _, o) => seen = o)
            .ReturnsAsync(1);

        await new DurableOrchestrationContext(context.Object).CallSubOrchestratorAsync<int>("MigrationBatches", null, "m-1:chunk-0");

        Assert.Equal("m-1:chunk-0", Assert.IsType<SubOrchestrationOptions>(seen).InstanceId);
    }

    [Fact]
    public void ToTaskOptions_KernelPolicy_MapsEveryParameter()
    {
        var options = DurableOrchestrationContext.ToTaskOptions(new KernelRetryPolicy(5, TimeSpan.FromSeconds(1), 3.0, TimeSpan.FromSeconds(30)));

        var policy = options?.Retry?.Policy;
        Assert.NotNull(policy);
        Assert.Equal(5, policy.MaxNumberOfAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), policy.FirstRetryInterval);
        Assert.Equal(3.0, policy.BackoffCoefficient);
        Assert.Equal(TimeSpan.FromSeconds(30), policy.MaxRetryInterval);
    }

    [Fact]
    public void ToTaskOptions_NoPolicyOrOneAttempt_NoEngineRetry()
    {
        Assert.Null(DurableOrchestrationContext.ToTaskOptions(null));
        Assert.Null(DurableOrchestrationContext.ToTaskOptions(KernelRetryPolicy.None));
    }
}
