using System.Net;
using SagaFunctions.Kernel;
using SagaFunctions.Participants.Client;
using SagaFunctions.Sagas.Common;
using SagaFunctions.Sagas.InsuranceClaim;
using SagaFunctions.Sagas.Migration;
using SagaFunctions.Sagas.Order;
using SagaFunctions.Sagas.Tests.Support;

namespace SagaFunctions.Sagas.Tests.Unit;

/// <summary>How activities map participant answers: rejections to StepResult.Reject, refusals of an undo to an exception.</summary>
public class ActivityMappingTests
{
    private const string Problem = """{"title":"Conflict","detail":"nope","reason":"idempotency_key_reused"}""";

    private static readonly CompensationInput<ChargeRequest, ChargeResponse> Refund =
        new("o-1:ChargePayment:compensate", "o-1:ChargePayment", new ChargeRequest("o-1", "c-1", 10m), null);

    private static OrderActivities Order(HttpClient payments) =>
        new(new PaymentsClient(payments), new InventoryClient(new HttpClient()), new ShippingClient(new HttpClient()), new NotificationsClient(new HttpClient()));

    [Fact]
    public async Task ChargePayment_Rejected_ReturnsRejectionWithCode()
    {
        using var http = StubHandler.Client(HttpStatusCode.UnprocessableEntity, """{"detail":"Amount 600.00 exceeds the limit.","reason":"over_limit"}""", out var handler);

        var result = await Order(http).ChargePayment(new StepInput<ChargeRequest>("o-1:ChargePayment", new ChargeRequest("o-1", "c-1", 600m)), CancellationToken.None);

        Assert.True(result.IsRejected);
        Assert.Equal("over_limit", result.RejectionCode);
        Assert.Equal("Amount 600.00 exceeds the limit.", result.RejectionMessage);
        Assert.Equal("o-1:ChargePayment", Assert.Single(handler.Requests).Key);
    }

    [Fact]
    public async Task ChargePayment_ServerError_Throws()
    {
        using var http = StubHandler.Client(HttpStatusCode.InternalServerError, """{"reason":"injected_fault"}""", out _);

        await Assert.ThrowsAsync<ParticipantUnavailableException>(() =>
            Order(http).ChargePayment(new StepInput<ChargeRequest>("k", new ChargeRequest("o-1", "c-1", 10m)), CancellationToken.None));
    }

    [Fact]
    public async Task RefundPayment_Refused_ThrowsSoTheKernelRetriesAndDeadLetters()
    {
        using var http = StubHandler.Client(HttpStatusCode.Conflict, Problem, out _);

        var error = await Assert.ThrowsAsync<CompensationRefusedException>(() => Order(http).RefundPayment(Refund, CancellationToken.None));

        Assert.Equal("idempotency_key_reused", error.Code);
        Assert.Contains("refund was refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefundPayment_AddressesTheChargeByItsKey()
    {
        using var http = StubHandler.Client(HttpStatusCode.OK, """{"status":"nothing_to_refund","nothingToUndo":true,"amount":0}""", out var handler);

        var detail = await Order(http).RefundPayment(Refund, CancellationToken.None);

        Assert.Equal("nothing to refund for order o-1", detail);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("o-1:ChargePayment:compensate", request.Key);
        Assert.Contains("\"chargeKey\":\"o-1:ChargePayment\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateClaim_AnsweredNotValid_Rejects()
    {
        using var http = StubHandler.Client(HttpStatusCode.OK, """{"claimId":"c","valid":false}""", out _);

        var result = await new InsuranceClaimActivities(new ClaimsClient(http))
            .ValidateClaim(new StepInput<ValidateClaimRequest>("k", new ValidateClaimRequest("c", "POL-1", "u", 1m, "d")), CancellationToken.None);

        Assert.Equal(RejectionCodes.InvalidClaim, result.RejectionCode);
    }

    [Fact]
    public async Task CloseClaimUnpaid_ClaimAlreadyClosed_IsANoOp()
    {
        using var http = StubHandler.Client(HttpStatusCode.Conflict, """{"detail":"Claim 'c' is closed.","reason":"claim_closed"}""", out _);
        var input = new CompensationInput<RequestRecordsRequest, RequestRecordsResponse>("k:compensate", "k", new RequestRecordsRequest("c"), null);

        var detail = await new InsuranceClaimActivities(new ClaimsClient(http)).CloseClaimUnpaid(input, CancellationToken.None);

        Assert.Equal("claim c was already closed", detail);
    }

    [Fact]
    public async Task CloseClaimUnpaid_UnknownClaim_Throws()
    {
        using var http = StubHandler.Client(HttpStatusCode.NotFound, """{"detail":"no claim","reason":"unknown_claim"}""", out _);
        var input = new CompensationInput<RequestRecordsRequest, RequestRecordsResponse>("k:compensate", "k", new RequestRecordsRequest("c"), null);

        var error = await Assert.ThrowsAsync<CompensationRefusedException>(() => new InsuranceClaimActivities(new ClaimsClient(http)).CloseClaimUnpaid(input, CancellationToken.None));

        Assert.Equal("unknown_claim", error.Code);
    }

    [Fact]
    public async Task VerifyConsistency_AnsweredInconsistent_RejectsWithCounts()
    {
        using var http = StubHandler.Client(HttpStatusCode.OK, """{"consistent":false,"migrated":90,"expected":100}""", out _);

        var result = await new MigrationActivities(new MigrationClient(http))
            .VerifyConsistency(new StepInput<VerifyMigrationRequest>("k", new VerifyMigrationRequest("m", 100)), CancellationToken.None);

        Assert.Equal(RejectionCodes.VerificationFailed, result.RejectionCode);
        Assert.Equal("Migrated 90 of 100 records.", result.RejectionMessage);
    }

    [Fact]
    public async Task DisableDualWrite_SendsEnabledFalseWithTheCompensationKey()
    {
        using var http = StubHandler.Client(HttpStatusCode.OK, """{"migrationId":"m","dualWrite":false}""", out var handler);
        var input = new CompensationInput<DualWriteRequest, DualWriteResponse>("i:EnableDualWrite:compensate", "i:EnableDualWrite", new DualWriteRequest("m", "s", true), null);

        var detail = await new MigrationActivities(new MigrationClient(http)).DisableDualWrite(input, CancellationToken.None);

        Assert.Equal("dual-write off for m", detail);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("i:EnableDualWrite:compensate", request.Key);
        Assert.Contains("\"enabled\":false", request.Body, StringComparison.Ordinal);
    }
}
