using Microsoft.Data.Sqlite;

namespace SagaFunctions.Runtime.Storage;

/// <summary>
/// One statement over many rows (a multi-row <c>INSERT … VALUES (…), (…)</c>, a <c>DELETE … IN (…)</c>), prepared
/// for a few row counts and used greedily: 100 rows take 3 × 32 + 2 × 2, five executions instead of 100, and the
/// usual episode (a result and the next schedule) writes its two history rows in one. Parameters are numbered: the
/// fixed ones first (the same for every row, e.g. the instance id), then each row's own.
/// </summary>
internal sealed class MultiRowCommand : IDisposable
{
    private static readonly int[] Sizes = [32, 8, 2, 1];
    private readonly SqliteConnection _connection;
    private readonly string _head;
    private readonly Func<int, string> _row;
    private readonly string _tail;
    private readonly PreparedCommand?[] _commands = new PreparedCommand?[Sizes.Length];

    /// <param name="connection">The open connection.</param>
    /// <param name="head">The statement up to the first row.</param>
    /// <param name="row">One row's SQL, given the number of its first own parameter (<c>?n</c>).</param>
    /// <param name="tail">The statement after the last row.</param>
    /// <param name="fixedParameters">Parameters <c>?1…?fixed</c>, bound once per chunk.</param>
    /// <param name="rowParameters">Parameters per row.</param>
    public MultiRowCommand(SqliteConnection connection, string head, Func<int, string> row, string tail, int fixedParameters, int rowParameters)
    {
        _connection = connection;
        _head = head;
        _row = row;
        _tail = tail;
        FixedParameters = fixedParameters;
        RowParameters = rowParameters;
    }

    /// <summary>Binds row <paramref name="item"/> of the caller's rows at parameter index <paramref name="first"/> onwards.</summary>
    public delegate void BindRow<TState>(PreparedCommand command, int first, int item, TState state);

    public int FixedParameters { get; }

    public int RowParameters { get; }

    /// <summary>Runs the statement over rows 0…<paramref name="count"/>−1; <paramref name="bindFixed"/> binds the fixed parameters.</summary>
    public void Execute<TState>(int count, TState state, Action<PreparedCommand, TState> bindFixed, BindRow<TState> bindRow)
    {
        var item = 0;
        while (item < count)
        {
            var which = 0;
            while (Sizes[which] > count - item)
            {
                which++;
            }

            var command = _commands[which] ??= Prepare(Sizes[which]);
            bindFixed(command, state);
            for (var r = 0; r < Sizes[which]; r++)
            {
                bindRow(command, FixedParameters + (r * RowParameters), item + r, state);
            }

            command.Execute();
            item += Sizes[which];
        }
    }

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command?.Dispose();
        }
    }

    private PreparedCommand Prepare(int rows)
    {
        var sql = new System.Text.StringBuilder(_head);
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? string.Empty : ", ").Append(_row(FixedParameters + (r * RowParameters) + 1));
        }

        return new PreparedCommand(_connection, sql.Append(_tail).ToString());
    }
}
