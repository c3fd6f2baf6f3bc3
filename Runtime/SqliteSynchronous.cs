namespace SagaFunctions.Runtime;

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels. <see cref="Full"/> (the default) fsyncs the WAL on every commit.</summary>
public enum SqliteSynchronous
{
    Off = 0,
    Normal = 1,
    Full = 2,
    Extra = 3,
}
