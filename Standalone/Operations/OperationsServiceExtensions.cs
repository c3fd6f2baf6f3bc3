using Microsoft.Extensions.Options;
using SagaFunctions.Http;
using SagaFunctions.Http.Audit;
using SagaFunctions.Http.Operations;

namespace SagaFunctions.Standalone.Operations;

/// <summary>
/// Standalone's operations: the audit trail (<c>audit.db</c>; the caller is <c>api-key</c> when an API key is configured,
/// else none), <c>GET /api/audit</c>, and the sweeper (retention and escalation), configured by the <c>Operations</c> section.
/// </summary>
public static class OperationsServiceExtensions
{
    /// <summary>The caller name of a request that passed the API-key check.</summary>
    public const string ApiKeyCaller = "api-key";

    public static IServiceCollection AddSagaOperations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SagaOperationsOptions>()
            .Bind(configuration.GetSection(SagaOperationsOptions.SectionName))
            .Validate(o => o.Validate() is null, "The Operations section is invalid: durations must be positive and the escalation recipient set.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SagaOperationsOptions>>().Value);

        // The stuck bounds of the HTTP contract come from the same section (this registration follows the contract's, and wins).
        services.AddSingleton(sp => sp.GetRequiredService<SagaOperationsOptions>().ApplyTo(new SagaHttpOptions()));
        services.AddSingleton<IAuditLog>(sp => new SqliteAuditLog(sp.GetRequiredService<IOptions<StandaloneOptions>>().Value.DataFile("audit.db")));
        services.AddSingleton(sp =>
        {
            var keyed = !string.IsNullOrEmpty(sp.GetRequiredService<IOptions<StandaloneOptions>>().Value.ApiKey);
            return new AuditTrail(sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<TimeProvider>(), _ => keyed ? ApiKeyCaller : null);
        });
        services.AddSingleton<AuditApi>();
        services.AddTransient<DeadLetterEscalation>();
        services.AddSingleton<OperationsSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationsSweeper>());
        return services;
    }

    public static IEndpointRouteBuilder MapSagaOperations(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/audit", (HttpRequest request, AuditApi api, CancellationToken ct) => api.ListAsync(request, ct))
            .WithTags("Operations")
            .WithName("list-audit")
            .WithSummary("Operator actions, newest first (filters: action, instanceId, deadLetterId, from, to, limit)")
            .Produces<AuditPage>()
            .ProducesValidationProblem();
        return endpoints;
    }
}
