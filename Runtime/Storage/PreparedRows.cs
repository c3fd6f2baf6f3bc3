namespace SagaFunctions.Runtime.Storage;

/// <summary>The rows of a <see cref="PreparedCommand"/> being read (shaped like a data reader); disposing resets the statement.</summary>
internal readonly struct PreparedRows(PreparedCommand command) : IRowReader, IDisposable
{
    public bool Read() => command.Step();

    public bool IsDBNull(int column) => command.IsNull(column);

    public string GetString(int column) => command.Text(column);

    public long GetInt64(int column) => command.Int64(column);

    public int GetInt32(int column) => (int)command.Int64(column);

    public void Dispose() => command.Reset();
}
