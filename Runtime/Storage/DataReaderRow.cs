using Microsoft.Data.Sqlite;

namespace SagaFunctions.Runtime.Storage;

/// <summary>The current row of an ad hoc query (a <see cref="SqliteDataReader"/>), for the row readers shared with prepared statements.</summary>
internal readonly struct DataReaderRow(SqliteDataReader reader) : IRowReader
{
    public bool IsDBNull(int column) => reader.IsDBNull(column);

    public string GetString(int column) => reader.GetString(column);

    public long GetInt64(int column) => reader.GetInt64(column);

    public int GetInt32(int column) => reader.GetInt32(column);
}
