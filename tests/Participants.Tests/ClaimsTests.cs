using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class ClaimsTests
{
    [Fact]
    public async Task Claim_ValidateRecordsPayClose_FollowsTheLifecycle()
    {
        var time = new FakeTimeProvider();
        await using var host = await ParticipantsHost.StartAsync(time: time);
        var claims = host.Client<ClaimsClient>();

        var valid = await claims.ValidateAsync("v", new ValidateClaimRequest("CL-1", "POL-123", "C-1", 2500m, "Broken arm"));
        var records = await claims.RequestRecordsAsync("r", new RequestRecordsRequest("CL-1"));
        var pay = await claims.PayAsync("p", new PayClaimRequest("CL-1", "C-1", 2500m));
        var close = await claims.CloseAsync("c", new CloseClaimRequest("CL-1", "paid"));

        Assert.Equal(new ValidateClaimResponse("CL-1", true), valid.Value);
        Assert.StartsWith("rec_", records.Value!.RecordsId, StringComparison.Ordinal);
        Assert.Equal(2500m, pay.Value!.Amount);
        Assert.Equal(new CloseClaimResponse("CL-1", "closed", time.GetUtcNow()), close.Value);
        var view = (await claims.GetClaimAsync("CL-1"))!;
        Assert.Equal(("closed", records.Value.RecordsId, pay.Value.PaymentId, "paid"), (view.Status, view.RecordsId, view.PaymentId, view.Resolution));
    }

    [Theory]
    [InlineData("XYZ-1", 100, "desc", "policy")]
    [InlineData("POL-", 100, "desc", "policy")]
    [InlineData("POL-1", 0, "desc", "amount")]
    [InlineData("POL-1", -5, "desc", "amount")]
    [InlineData("POL-1", 100000.01, "desc", "amount")]
    [InlineData("POL-1", 100, " ", "description")]
    public async Task Validate_BrokenRule_IsInvalidClaim(string policy, double amount, string description, string mentioned)
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<ClaimsClient>().ValidateAsync("v", new ValidateClaimRequest("CL-1", policy, "C-1", (decimal)amount, description));

        Assert.Equal(RejectionCodes.InvalidClaim, result.Code);
        Assert.Equal(422, result.StatusCode);
        Assert.Contains(mentioned, result.Message, StringComparison.Ordinal);
        Assert.Equal("invalid", (await host.Client<ClaimsClient>().GetClaimAsync("CL-1"))!.Status);
    }

    [Fact]
    public async Task Validate_MaximumAmount_IsValid()
    {
        await using var host = await ParticipantsHost.StartAsync();

        var result = await host.Client<ClaimsClient>().ValidateAsync("v", new ValidateClaimRequest("CL-1", "POL-1", "C-1", 100000m, "desc"));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task InvalidClaim_CanBeClosedButNotPaid()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var claims = host.Client<ClaimsClient>();
        await claims.ValidateAsync("v", new ValidateClaimRequest("CL-1", "BAD", "C-1", 10m, "desc"));

        var pay = await claims.PayAsync("p", new PayClaimRequest("CL-1", "C-1", 10m));
        var close = await claims.CloseAsync("c", new CloseClaimRequest("CL-1", "rejected_invalid"));

        Assert.Equal(RejectionCodes.InvalidClaim, pay.Code);
        Assert.True(close.Succeeded);
    }

    [Theory]
    [InlineData("records")]
    [InlineData("pay")]
    [InlineData("close")]
    public async Task Operation_UnknownClaim_IsUnknownClaim(string operation)
    {
        await using var host = await ParticipantsHost.StartAsync();
        var claims = host.Client<ClaimsClient>();

        var code = operation switch
        {
            "records" => (await claims.RequestRecordsAsync("k", new RequestRecordsRequest("CL-404"))).Code,
            "pay" => (await claims.PayAsync("k", new PayClaimRequest("CL-404", "C", 1m))).Code,
            _ => (await claims.CloseAsync("k", new CloseClaimRequest("CL-404"))).Code,
        };

        Assert.Equal(RejectionCodes.UnknownClaim, code);
    }

    [Fact]
    public async Task Pay_MoreThanClaimed_IsAmountExceedsClaim()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var claims = host.Client<ClaimsClient>();
        await claims.ValidateAsync("v", new ValidateClaimRequest("CL-1", "POL-1", "C-1", 100m, "desc"));

        var result = await claims.PayAsync("p", new PayClaimRequest("CL-1", "C-1", 100.01m));

        Assert.Equal(RejectionCodes.AmountExceedsClaim, result.Code);
    }

    [Fact]
    public async Task Pay_ClosedClaim_IsClaimClosed()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var claims = host.Client<ClaimsClient>();
        await claims.ValidateAsync("v", new ValidateClaimRequest("CL-1", "POL-1", "C-1", 100m, "desc"));
        await claims.CloseAsync("c", new CloseClaimRequest("CL-1", "timeout"));

        var result = await claims.PayAsync("p", new PayClaimRequest("CL-1", "C-1", 10m));

        Assert.Equal(RejectionCodes.ClaimClosed, result.Code);
        Assert.Equal(409, result.StatusCode);
    }

    [Fact]
    public async Task Pay_TwiceWithDifferentKeys_PaysOnce()
    {
        await using var host = await ParticipantsHost.StartAsync();
        var claims = host.Client<ClaimsClient>();
        await claims.ValidateAsync("v", new ValidateClaimRequest("CL-1", "POL-1", "C-1", 100m, "desc"));

        var first = await claims.PayAsync("p1", new PayClaimRequest("CL-1", "C-1", 100m));
        var second = await claims.PayAsync("p2", new PayClaimRequest("CL-1", "C-1", 100m));

        Assert.Equal(first.Value!.PaymentId, second.Value!.PaymentId);
    }
}
