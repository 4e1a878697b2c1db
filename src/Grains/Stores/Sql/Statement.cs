using System.Data;
using System.Data.Common;

namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// A single-use command: bind parameters fluently, then execute it once; executing disposes it. Parameters are
/// named <c>@name</c>, which both Microsoft.Data.Sqlite and Npgsql accept.
/// </summary>
internal sealed class Statement(DbCommand command, SocialDatabase database)
{
    /// <summary>Binds a 64-bit integer (an id, a version, a count).</summary>
    public Statement Int64(string name, long value) => Add(name, value, DbType.Int64);

    /// <summary>Binds an optional id.</summary>
    public Statement Int64(string name, long? value) => Add(name, value is { } v ? v : DBNull.Value, DbType.Int64);

    /// <summary>Binds a 32-bit integer.</summary>
    public Statement Int32(string name, int value) => Add(name, value, DbType.Int32);

    /// <summary>Binds text.</summary>
    public Statement Text(string name, string value) => Add(name, value, DbType.String);

    /// <summary>Binds a boolean.</summary>
    public Statement Flag(string name, bool value) => Add(name, value, DbType.Boolean);

    /// <summary>Binds a time.</summary>
    public Statement Time(string name, DateTimeOffset value) => Add(name, database.TimeValue(value), database.TimeType);

    /// <summary>Binds the id array that <see cref="SocialDatabase.IdList"/> reads.</summary>
    public Statement Ids(string name, IReadOnlyList<long> ids)
    {
        // No DbType: each provider infers the array (Npgsql) or text (SQLite) type from the value.
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = database.IdListValue(ids);
        command.Parameters.Add(parameter);
        return this;
    }

    /// <summary>Executes and returns the number of rows affected.</summary>
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Executes and maps every row.</summary>
    public async Task<List<T>> QueryAsync<T>(Func<Row, T> map, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<T>();
                var row = new Row(reader, database);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(map(row));
                }

                return rows;
            }
        }
    }

    /// <summary>Executes and maps the first row, or returns <paramref name="none"/> when there is none.</summary>
    public async Task<T> FirstAsync<T>(Func<Row, T> map, T none, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(map, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? rows[0] : none;
    }

    private Statement Add(string name, object value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return this;
    }
}
