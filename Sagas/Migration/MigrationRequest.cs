using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Sagas.Migration;

/// <summary>
/// Start request of the migration saga: <c>{migrationId, serviceId, totalRecords, batchCount}</c>, plus the optional
/// <c>pauseSeconds</c> between batches (default 1 s so a demo finishes in seconds; the seed pauses a minute — pass 60).
/// </summary>
public sealed record MigrationRequest(string MigrationId, string ServiceId, long TotalRecords, int BatchCount, int? PauseSeconds = null) : ISagaRequest
{
    public const int MaxBatchCount = 10_000;

    public const long MaxTotalRecords = 1_000_000_000;

    public const int MaxPauseSeconds = 3600;

    public const int DefaultPauseSeconds = 1;

    public IEnumerable<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        errors.RequireId(MigrationId, "migrationId");
        errors.RequireId(ServiceId, "serviceId");
        errors.RequireRange(TotalRecords, "totalRecords", 1, MaxTotalRecords);
        errors.RequireRange(BatchCount, "batchCount", 1, MaxBatchCount);
        if (BatchCount >= 1 && TotalRecords >= 1 && BatchCount > TotalRecords)
        {
            errors.Add(new FieldError("batchCount", "'batchCount' must not exceed 'totalRecords' (every batch migrates at least one record)."));
        }

        if (PauseSeconds is { } pause)
        {
            errors.RequireRange(pause, "pauseSeconds", 0, MaxPauseSeconds);
        }

        return errors;
    }
}
