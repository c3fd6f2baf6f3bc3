using System.Net;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Tests.Infrastructure;

namespace SagaFunctions.Participants.Tests;

public sealed class NotFoundTests(SharedHost shared) : IClassFixture<SharedHost>
{
    [Theory]
    [InlineData("/participants/accounts/ACC-404", RejectionCodes.UnknownAccount)]
    [InlineData("/participants/accounts/ACC-404/ledger", RejectionCodes.UnknownAccount)]
    [InlineData("/participants/accounts/transactions/T-404", RejectionCodes.UnknownTransaction)]
    [InlineData("/participants/inventory/ITEM-404", RejectionCodes.UnknownSku)]
    [InlineData("/participants/seats/EVT-404", RejectionCodes.UnknownEvent)]
    [InlineData("/participants/payments/pay_404", RejectionCodes.NotFound)]
    [InlineData("/participants/shipping/shp_404", RejectionCodes.NotFound)]
    [InlineData("/participants/environments/qa", RejectionCodes.NotFound)]
    [InlineData("/participants/claims/CL-404", RejectionCodes.UnknownClaim)]
    [InlineData("/participants/migration/M-404", RejectionCodes.UnknownMigration)]
    [InlineData("/participants/processing/B-404", RejectionCodes.NotFound)]
    [InlineData("/participants/faults/flt_404", RejectionCodes.NotFound)]
    public async Task Get_UnknownId_Is404Problem(string path, string reason)
    {
        var host = shared.Host;

        using var response = await host.Http.GetAsync(path);

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound, reason);
        Assert.Contains(path.Split('/')[^1].Replace("ledger", "ACC-404", StringComparison.Ordinal), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteFault_Unknown_Is404()
    {
        var host = shared.Host;

        using var response = await host.Http.DeleteAsync("/participants/faults/flt_404");

        await response.ProblemAsync(HttpStatusCode.NotFound, RejectionCodes.NotFound);
    }

    [Fact]
    public async Task TypedClient_UnknownAccount_ReturnsNull()
    {
        var host = shared.Host;

        Assert.Null(await host.Client<AccountsClient>().GetAccountAsync("ACC-404"));
        Assert.Null(await host.Client<InventoryClient>().GetStockAsync("ITEM-404"));
        Assert.Null(await host.Client<SeatsClient>().GetSeatsAsync("EVT-404"));
    }
}
