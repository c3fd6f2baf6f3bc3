using SagaFunctions.Kernel.Declarations;
using SagaFunctions.Sagas.Batch;
using SagaFunctions.Sagas.Deployment;
using SagaFunctions.Sagas.InsuranceClaim;
using SagaFunctions.Sagas.Migration;
using SagaFunctions.Sagas.MoneyTransfer;
using SagaFunctions.Sagas.Order;
using SagaFunctions.Sagas.Ticketing;

namespace SagaFunctions.Sagas.Tests.Unit;

public class RequestValidationTests
{
    private static readonly string LongId = new('x', 101);

    public static TheoryData<ISagaRequest> ValidRequests() =>
    [
        new OrderRequest("order-001", "cust-123", [new OrderItem("ITEM-001", 2)], 99.99m),
        new TransferRequest("tr-1", "ACC-001", "ACC-002", 100m),
        new TicketRequest("bk-1", "EVT-001", ["A1", "A2"], "cust-1", 50m),
        new DeploymentRequest("dep-1", "1.2.3", "registry/app:1.2.3"),
        new ClaimRequest("cl-1", "pol-1", "cust-1", 1200m, "Broken arm"),
        new MigrationRequest("mig-1", "orders", 1000, 10),
        new MigrationRequest("mig-2", "orders", 1, 1, PauseSeconds: 0),
        new BatchRequest("456", ["a", "b", "c"]),
    ];

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public void Validate_ValidRequest_HasNoErrors(ISagaRequest request)
    {
        Assert.Empty(request.Validate());
    }

    [Fact]
    public void OrderValidate_EmptyRequest_NamesEveryField()
    {
        var errors = new OrderRequest(null!, "", null!, 0m).Validate().Select(e => e.Field).ToList();

        Assert.Equal(["orderId", "customerId", "items", "amount"], errors);
    }

    [Fact]
    public void OrderValidate_BadLines_NamesIndexedFields()
    {
        var request = new OrderRequest("o", "c", [new OrderItem("", 1), new OrderItem("ITEM-001", 0), new OrderItem(LongId, -3), null!], 10m);

        var errors = request.Validate().Select(e => e.Field).ToList();

        Assert.Equal(["items[0].sku", "items[1].quantity", "items[2].sku", "items[2].quantity", "items[3]"], errors);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(0.001)]
    [InlineData(2_000_000_000)]
    public void OrderValidate_BadAmount_NamesAmount(double amount)
    {
        var errors = new OrderRequest("o", "c", [new OrderItem("ITEM-001", 1)], (decimal)amount).Validate();

        Assert.Equal("amount", Assert.Single(errors).Field);
    }

    [Fact]
    public void OrderValidate_TooManyLines_NamesItems()
    {
        var items = Enumerable.Range(0, OrderRequest.MaxItems + 1).Select(i => new OrderItem($"S{i}", 1)).ToList();

        var error = Assert.Single(new OrderRequest("o", "c", items, 1m).Validate());

        Assert.Equal("items", error.Field);
        Assert.Contains("at most 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OrderValidate_OverlongIds_SaysHowLong()
    {
        var errors = new OrderRequest(LongId, LongId, [new OrderItem("s", 1)], 1m).Validate().ToList();

        Assert.Equal(["orderId", "customerId"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Contains("at most 100 characters", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void TransferValidate_SameAccounts_NamesToAccount()
    {
        var error = Assert.Single(new TransferRequest("t", "ACC-001", "ACC-001", 1m).Validate());

        Assert.Equal("toAccount", error.Field);
    }

    [Fact]
    public void TransferValidate_MissingFieldsAndNegativeAmount_NamesEach()
    {
        var errors = new TransferRequest(" ", null!, "", -5m).Validate().Select(e => e.Field);

        Assert.Equal(["transferId", "fromAccount", "toAccount", "amount"], errors);
    }

    [Fact]
    public void TicketValidate_NoSeats_NamesSeatIds()
    {
        var errors = new TicketRequest("b", "EVT-001", [], "c", 10m).Validate();

        Assert.Equal("seatIds", Assert.Single(errors).Field);
    }

    [Fact]
    public void TicketValidate_DuplicateAndEmptySeats_NamesEach()
    {
        var errors = new TicketRequest("b", "EVT-001", ["A1", "", "A1"], "c", 0m).Validate().Select(e => e.Field);

        Assert.Equal(["seatIds[1]", "seatIds", "totalAmount"], errors);
    }

    [Fact]
    public void DeploymentValidate_MissingFields_NamesEach()
    {
        var errors = new DeploymentRequest("", null!, " ").Validate().Select(e => e.Field);

        Assert.Equal(["deploymentId", "version", "imageTag"], errors);
    }

    [Fact]
    public void ClaimValidate_MissingFields_NamesEach()
    {
        var errors = new ClaimRequest("", "", "", 0m, "").Validate().Select(e => e.Field);

        Assert.Equal(["claimId", "policyId", "customerId", "amount", "description"], errors);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(30 * 24 * 3600 + 1)]
    public void ClaimValidate_ApprovalTimeoutOutOfRange_NamesIt(int seconds)
    {
        var error = Assert.Single(new ClaimRequest("c", "p", "u", 1m, "d", seconds).Validate());

        Assert.Equal("approvalTimeoutSeconds", error.Field);
    }

    [Fact]
    public void ClaimValidate_ApprovalTimeoutInRange_IsValid()
    {
        Assert.Empty(new ClaimRequest("c", "p", "u", 1m, "d", 30 * 24 * 3600).Validate());
    }

    [Fact]
    public void ClaimValidate_OverlongDescription_NamesDescription()
    {
        var error = Assert.Single(new ClaimRequest("c", "p", "u", 1m, new string('d', 2001)).Validate());

        Assert.Equal("description", error.Field);
    }

    [Theory]
    [InlineData(0, 1, "totalRecords")]
    [InlineData(10, 0, "batchCount")]
    [InlineData(10, 11, "batchCount")]
    [InlineData(100_000, 10_001, "batchCount")]
    public void MigrationValidate_BadRanges_NamesField(long totalRecords, int batchCount, string field)
    {
        var error = Assert.Single(new MigrationRequest("m", "s", totalRecords, batchCount).Validate());

        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3601)]
    public void MigrationValidate_BadPause_NamesPauseSeconds(int pause)
    {
        var error = Assert.Single(new MigrationRequest("m", "s", 10, 2, pause).Validate());

        Assert.Equal("pauseSeconds", error.Field);
    }

    [Fact]
    public void BatchValidate_NoItems_NamesItems()
    {
        Assert.Equal("items", Assert.Single(new BatchRequest("b", null!).Validate()).Field);
        Assert.Equal("items", Assert.Single(new BatchRequest("b", []).Validate()).Field);
    }

    [Fact]
    public void BatchValidate_EmptyItem_NamesIndex()
    {
        var error = Assert.Single(new BatchRequest("b", ["a", " "]).Validate());

        Assert.Equal("items[1]", error.Field);
    }

    [Fact]
    public void BatchValidate_ItemTooLong_NamesIndex()
    {
        var error = Assert.Single(new BatchRequest("b", ["a", "b", new string('x', 101)]).Validate());

        Assert.Equal("items[2]", error.Field);
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchValidate_TooManyItems_NamesItems()
    {
        var error = Assert.Single(new BatchRequest("b", [.. Enumerable.Repeat("a", BatchRequest.MaxItems + 1)]).Validate());

        Assert.Equal("items", error.Field);
    }

    [Fact]
    public void BatchValidate_DuplicateAndMaxLengthItems_AreValid()
    {
        Assert.Empty(new BatchRequest("b", ["a", "a", new string('x', 100)]).Validate());
    }
}
