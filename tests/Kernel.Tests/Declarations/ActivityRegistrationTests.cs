using System.Text.Json;
using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Kernel.Tests.Declarations;

public class ActivityRegistrationTests
{
    [Fact]
    public void FromClass_ActivitiesClass_FindsEachActivityMethodWithItsTypes()
    {
        var activities = ActivityRegistration.FromClass(typeof(ParcelActivities), "parcel");

        Assert.Equal(["Pack", "Unpack"], activities.Select(a => a.Name));
        Assert.Equal(typeof(StepInput<string>), activities[0].InputType);
        Assert.Equal(typeof(StepResult<string>), activities[0].OutputType);
        Assert.Equal(typeof(CompensationInput<string, string>), activities[1].InputType);
        Assert.Equal(typeof(string), activities[1].OutputType);
        Assert.All(activities, a => Assert.Equal("parcel", a.Saga));
    }

    [Fact]
    public void FromClass_ClassWithoutActivities_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => ActivityRegistration.FromClass(typeof(CancelRequest), null));

        Assert.Contains(nameof(CancelRequest), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_TypedOrJsonInput_CallsTheMethodOnTheServiceInstance()
    {
        var target = new ParcelActivities();
        var pack = ActivityRegistration.FromClass(typeof(ParcelActivities), null)[0];
        var services = new SingleService(target);

        var typed = await pack.Invoke(services, new StepInput<string>("i:Pack", "p1"), CancellationToken.None);
        var json = await pack.Invoke(services, JsonSerializer.SerializeToElement(new { idempotencyKey = "i:Pack", data = "p2" }), CancellationToken.None);

        Assert.Equal("packed p1", Assert.IsType<StepResult<string>>(typed).Value);
        Assert.Equal("packed p2", Assert.IsType<StepResult<string>>(json).Value);
        Assert.Equal(2, target.Calls);
    }

    [Fact]
    public async Task Invoke_WrongInputOrMissingService_FailsNamingTheActivity()
    {
        var pack = ActivityRegistration.FromClass(typeof(ParcelActivities), null)[0];

        var wrong = await Assert.ThrowsAsync<ArgumentException>(() => pack.Invoke(new SingleService(new ParcelActivities()), 42, CancellationToken.None));
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => pack.Invoke(new SingleService(null), new StepInput<string>("k", "p"), CancellationToken.None));

        Assert.Contains("Pack", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("Pack", missing.Message, StringComparison.Ordinal);
    }

    private sealed class SingleService(object? service) : IServiceProvider
    {
        public object? GetService(Type serviceType) => service is not null && serviceType.IsInstanceOfType(service) ? service : null;
    }
}
