namespace SagaFunctions.Runtime.Storage;

/// <summary>The current row of a query: what <see cref="SqliteStore"/> reads rows through, prepared or ad hoc.</summary>
internal interface IRowReader
{
    bool IsDBNull(int column);

    string GetString(int column);

    long GetInt64(int column);

    int GetInt32(int column);
}
