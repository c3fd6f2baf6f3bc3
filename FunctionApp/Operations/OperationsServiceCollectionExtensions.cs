using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SagaFunctions.Http;
using SagaFunctions.Http.Audit;
using SagaFunctions.Http.Operations;

namespace SagaFunctions.FunctionApp.Operations;

/// <summary>
/// FunctionApp's operations: the audit trail in an Azure Table (<see cref="AppSettings.AuditTableName"/>, default
/// <c>SagaAudit</c>; the caller is App Service authentication's <c>x-ms-client-principal-name</c>), <c>GET /api/audit</c>,
/// and the hourly sweep (<see cref="OperationsTimerFunctions"/>), configured by the <c>Operations__*</c> app settings.
/// </summary>
public static class OperationsServiceCollectionExtensions
{
    public static IServiceCollection AddSagaOperations(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SagaOperationsOptions>()
            .Bind(configuration.GetSection(SagaOperationsOptions.SectionName))
            .Validate(o => o.Validate() is null, "The Operations settings are invalid: durations must be positive and the escalation recipient set.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SagaOperationsOptions>>().Value);

        // The stuck bounds of the HTTP contract come from the same settings (this registration follows the contract's, and wins).
        services.AddSingleton(sp => sp.GetRequiredService<SagaOperationsOptions>().ApplyTo(new SagaHttpOptions()));
        services.AddSingleton<IAuditLog>(_ => new TableAuditLog(
            DeadLetterTableClientFactory.Create(configuration, AppSettings.AuditTableName, TableAuditLog.DefaultTableName)));
        services.AddSingleton(sp => new AuditTrail(sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<TimeProvider>(), AuditTrail.ClientPrincipalName));
        services.AddTransient<DeadLetterEscalation>();
        services.AddSingleton<StuckSagaCount>();
        return services;
    }
}
