using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SagaFunctions.Participants.Client;
using SagaFunctions.Participants.Infrastructure;

namespace SagaFunctions.Participants.Accounts;

internal static class AccountsEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/" + ParticipantCatalog.Accounts).WithTags(ParticipantCatalog.Accounts);
        group.MapPost("/debit", (HttpContext http, AccountsService service, OperationRunner runner) =>
            runner.RunAsync<DebitRequest>(http, service.Database, AccountsService.Debit, AccountsService.ValidateDebit, service.ExecuteDebit))
            .Operation<DebitRequest, DebitResponse>("Debit an account");
        group.MapPost("/credit", (HttpContext http, AccountsService service, OperationRunner runner) =>
            runner.RunAsync<CreditRequest>(http, service.Database, AccountsService.Credit, AccountsService.ValidateCredit, service.ExecuteCredit))
            .Operation<CreditRequest, CreditResponse>("Credit an account");
        group.MapPost("/reverse", (HttpContext http, AccountsService service, OperationRunner runner) =>
            runner.RunAsync<ReverseRequest>(http, service.Database, AccountsService.Reverse, AccountsService.ValidateReverse, service.ExecuteReverse))
            .Operation<ReverseRequest, ReverseResponse>("Reverse a debit or credit by its idempotency key");
        group.MapPost("/record", (HttpContext http, AccountsService service, OperationRunner runner) =>
            runner.RunAsync<RecordTransactionRequest>(http, service.Database, AccountsService.Record, AccountsService.ValidateRecord, service.ExecuteRecord))
            .Operation<RecordTransactionRequest, RecordTransactionResponse>("Record a transfer's transaction");
        group.MapGet("/", async (AccountsService service, HttpContext http) =>
            Results.Json(await service.ListAsync(http.RequestAborted), ParticipantJson.Options));
        group.MapGet("/transactions/{transferId}", async (string transferId, AccountsService service, HttpContext http) =>
            await service.TransactionAsync(transferId, http.RequestAborted) is { } transaction
                ? Results.Json(transaction, ParticipantJson.Options)
                : Problems.NotFound(RejectionCodes.UnknownTransaction, $"No transaction is recorded for transfer '{transferId}'.", http.Request.Path));
        group.MapGet("/{accountId}", async (string accountId, AccountsService service, HttpContext http) =>
            await service.GetAsync(accountId, http.RequestAborted) is { } account
                ? Results.Json(account, ParticipantJson.Options)
                : Problems.NotFound(RejectionCodes.UnknownAccount, $"Account '{accountId}' does not exist.", http.Request.Path));
        group.MapGet("/{accountId}/ledger", async (string accountId, AccountsService service, HttpContext http) =>
            await service.LedgerAsync(accountId, http.RequestAborted) is { } ledger
                ? Results.Json(ledger, ParticipantJson.Options)
                : Problems.NotFound(RejectionCodes.UnknownAccount, $"Account '{accountId}' does not exist.", http.Request.Path));
    }
}
