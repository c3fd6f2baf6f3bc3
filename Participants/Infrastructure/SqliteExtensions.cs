using Microsoft.Data.Sqlite;

namespace SagaFunctions.Participants.Infrastructure;

/// <summary>
/// A few lines of ADO.NET sugar (parameterized statements, scalar, single row, list), hand-written because the
/// services need nothing more and no micro-ORM is in the package feed.
/// </summary>
internal static class SqliteExtensions
{
    public static int Execute(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Bind(command, parameters);
        return command.ExecuteNonQuery();
    }

    public static int Execute(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static T Scalar<T>(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static T? Single<T>(this SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
        where T : class
    {
        using var command = Create(transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    /// <summary>The first column of the first row, or null when there is no row (or it is NULL).</summary>
    public static T? Value<T>(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
        where T : struct
    {
        using var command = Create(transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? null : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<T> List<T>(this SqliteTransaction transaction, string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = Create(transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static string? NullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset Timestamp(this SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset? NullableTimestamp(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.Timestamp(ordinal);

    private static SqliteCommand Create(SqliteTransaction transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Bind(command, parameters);
        return command;
    }

    private static void Bind(SqliteCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
