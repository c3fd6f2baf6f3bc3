using System.Net;
using Microsoft.Extensions.Options;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class OptionsTests
{
    [Theory]
    [InlineData("Participants:Payments:Limit", "0", "Limit")]
    [InlineData("Participants:HoldDuration", "00:00:00", "HoldDuration")]
    [InlineData("Participants:MaxRequestBodyBytes", "0", "MaxRequestBodyBytes")]
    [InlineData("Participants:JournalMode", "MEMORY", "JournalMode")]
    public async Task Start_InvalidOption_FailsNamingIt(string key, string value, string name)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ParticipantsHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FileDatabaseWithDeleteJournal_Works()
    {
        var directory = Path.Combine(Path.GetTempPath(), "participants-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var host = await ParticipantsHost.StartAsync(
                new Dictionary<string, string?> { ["Participants:JournalMode"] = "DELETE" },
                dataDirectory: directory);

            Assert.True((await host.Client<PaymentsClient>().ChargeAsync("k", new ChargeRequest("O", "C", 1m))).Succeeded);
            Assert.False(File.Exists(Path.Combine(directory, "payments.db-wal")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task MaxRequestBodyBytes_Configured_IsEnforced()
    {
        await using var host = await ParticipantsHost.StartAsync(new Dictionary<string, string?> { ["Participants:MaxRequestBodyBytes"] = "100" });

        using var response = await host.PostAsync("/participants/notifications/send", "k", new SendEmailRequest("a@example.com", "s", new string('x', 200)));

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, RejectionCodes.PayloadTooLarge);
        Assert.Contains("100-byte limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
